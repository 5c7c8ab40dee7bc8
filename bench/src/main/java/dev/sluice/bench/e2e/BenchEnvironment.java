package dev.sluice.bench.e2e;

import dev.sluice.dataplane.connect.OffsetStore;
import dev.sluice.dataplane.pipeline.Components;
import dev.sluice.dataplane.worker.WorkerRuntime;
import dev.sluice.definitions.ComponentCatalog;
import dev.sluice.definitions.DefinitionReader;
import dev.sluice.expression.JsonataLanguage;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * What every pipeline of one benchmark run shares: the broker, a state directory, and for the
 * Sluice variant the same {@link WorkerRuntime} and {@link DefinitionReader} a worker builds from
 * the components on its class path.
 */
record BenchEnvironment(String bootstrapServers, Admin admin, Path stateDir, WorkerRuntime runtime,
    DefinitionReader reader) implements AutoCloseable {

  static BenchEnvironment create(String bootstrapServers, Path stateDir) {
    ClassLoader loader = BenchEnvironment.class.getClassLoader();
    Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    WorkerRuntime runtime = new WorkerRuntime(bootstrapServers, admin, Components.load(loader), new JsonataLanguage(),
        new OffsetStore(bootstrapServers), stateDir);
    return new BenchEnvironment(bootstrapServers, admin, stateDir, runtime,
        new DefinitionReader(ComponentCatalog.load(loader)));
  }

  @Override
  public void close() {
    admin.close();
  }
}
