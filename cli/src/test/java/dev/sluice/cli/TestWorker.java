package dev.sluice.cli;

import dev.sluice.controlplane.ControlPlane;
import dev.sluice.dataplane.pipeline.Components;
import dev.sluice.dataplane.worker.Worker;
import dev.sluice.dataplane.worker.WorkerConfig;
import dev.sluice.definitions.ComponentCatalog;
import dev.sluice.definitions.DefinitionReader;
import dev.sluice.expression.JsonataLanguage;
import java.nio.file.Path;
import java.util.Map;

/**
 * A worker in the test's JVM for end-to-end tests: joins {@code controlPlane} (plaintext, join
 * token {@code join}, as {@link TestControlPlane} starts it) with room for 8 instances and no
 * metrics port, and runs {@code components}.
 */
final class TestWorker {

  private TestWorker() {}

  /**
   * Starts the worker {@code name}, keeping its state under {@code stateDir}.
   *
   * @param settings the worker's settings for components, such as its ingest port
   */
  static Worker start(ControlPlane controlPlane, String name, Path stateDir, Components components,
      ComponentCatalog catalog, Map<String, String> settings) throws InterruptedException {
    Worker worker = new Worker(new WorkerConfig("127.0.0.1:" + controlPlane.grpcPort(), name, "join", 8, stateDir,
        "localhost", "test", 0, null, settings), components, new JsonataLanguage(), new DefinitionReader(catalog));
    worker.start();
    return worker;
  }
}
