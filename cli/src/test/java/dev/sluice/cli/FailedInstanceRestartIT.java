package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.ComponentProvider;
import dev.sluice.api.component.SinkConnector;
import dev.sluice.api.component.SinkConnectorProvider;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.record.Record;
import dev.sluice.controlplane.ControlPlane;
import dev.sluice.controlplane.scheduler.InstanceStatus;
import dev.sluice.controlplane.scheduler.StatusQueries;
import dev.sluice.dataplane.pipeline.Components;
import dev.sluice.dataplane.worker.Worker;
import dev.sluice.definitions.ComponentCatalog;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.KafkaExtension;
import dev.sluice.testkit.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance whose output fails for good is reported failed with the reason, then started again
 * after a backoff, without any change to its assignment, and then delivers.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class FailedInstanceRestartIT {

  @TempDir Path state;

  /** An output whose first instance fails at its first write; later ones accept everything. */
  static final class BrokenOnce implements SinkConnectorProvider {
    final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger delivered = new AtomicInteger();

    @Override
    public ComponentDescriptor descriptor() {
      return new ComponentDescriptor("broken_once", ComponentKind.OUTPUT, "test output", ConfigSpec.EMPTY);
    }

    @Override
    public SinkConnector create() {
      return new SinkConnector() {
        private boolean broken;

        @Override
        public void start(ComponentContext context) {
          broken = starts.incrementAndGet() == 1;
        }

        @Override
        public void write(List<Record> batch) throws PermanentException {
          if (broken) {
            throw new PermanentException("broken on purpose", null, 0);
          }
          delivered.addAndGet(batch.size());
        }

        @Override
        public void close() {}
      };
    }
  }

  @Test
  void aFailedInstanceIsStartedAgainAfterABackoffAndThenDelivers(EmbeddedKafka kafka, EmbeddedPostgres postgres)
      throws Exception {
    BrokenOnce output = new BrokenOnce();
    List<ComponentProvider> providers = new ArrayList<>();
    ServiceLoader.load(ComponentProvider.class, getClass().getClassLoader()).forEach(providers::add);
    providers.add(output);
    Components components = Components.of(providers);
    ComponentCatalog catalog = ComponentCatalog.of(components.descriptors());
    String database = postgres.createDatabase("failed_restart");
    StatusQueries status = new StatusQueries(Jdbi.create(database, "postgres", ""));
    try (ControlPlane controlPlane = TestControlPlane.start(database, kafka, "join", Duration.ofSeconds(10), catalog);
        Worker worker = TestWorker.start(controlPlane, "restarts", state.resolve("restarts"), components, catalog,
            Map.of())) {
      controlPlane.streams().create("""
          apiVersion: sluice.dev/v1
          kind: Stream
          metadata: {name: flaky-output, namespace: it}
          spec:
            input: {generate: {template: '{"n": $seq}', count: 100, rate: 0}}
            output: {broken_once: {}}
          """, "it");

      await().atMost(Duration.ofSeconds(60)).until(() -> firstInstance(status)
          .map(i -> i.state() == InstanceStatus.State.FAILED && i.error().contains("broken on purpose"))
          .orElse(false));
      await().atMost(Duration.ofSeconds(60)).until(() -> output.delivered.get() == 100);
      assertThat(output.starts.get()).as("the failed instance's output was started again").isEqualTo(2);
    }
  }

  private static Optional<InstanceStatus> firstInstance(StatusQueries status) {
    return status.status("it", "flaky-output").flatMap(s -> s.instances().stream().findFirst());
  }
}
