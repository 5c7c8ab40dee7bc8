package dev.sluice.dataplane.worker;

import dev.sluice.api.expression.ExpressionLanguage;
import dev.sluice.dataplane.connect.OffsetStore;
import dev.sluice.dataplane.pipeline.Components;
import java.nio.file.Path;
import org.apache.kafka.clients.admin.Admin;

/**
 * What every stream instance on a worker shares: the system Kafka cluster, the installed
 * components, the expression language and a directory for Kafka Streams state.
 */
public record WorkerRuntime(
    String bootstrapServers,
    Admin admin,
    Components components,
    ExpressionLanguage expressions,
    OffsetStore offsets,
    Path stateDir) {}
