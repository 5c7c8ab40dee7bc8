package dev.sluice.dataplane.worker;

import dev.sluice.api.expression.ExpressionLanguage;
import dev.sluice.dataplane.connect.OffsetStore;
import dev.sluice.dataplane.pipeline.Components;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * What every stream instance on a worker shares: the system Kafka cluster, the installed
 * components, the expression language, a directory for Kafka Streams state, and the settings
 * components may ask the worker for.
 */
public record WorkerRuntime(
    String bootstrapServers,
    Admin admin,
    Components components,
    ExpressionLanguage expressions,
    OffsetStore offsets,
    Path stateDir,
    Map<String, String> componentSettings) {

  /** A runtime whose components find no worker settings (tests, benchmarks). */
  public WorkerRuntime(String bootstrapServers, Admin admin, Components components,
      ExpressionLanguage expressions, OffsetStore offsets, Path stateDir) {
    this(bootstrapServers, admin, components, expressions, offsets, stateDir, Map.of());
  }
}
