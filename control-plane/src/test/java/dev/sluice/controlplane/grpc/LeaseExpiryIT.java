package dev.sluice.controlplane.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.controlplane.outbox.ControlTopics;
import dev.sluice.controlplane.scheduler.Scheduler;
import dev.sluice.controlplane.scheduler.SchedulerConfig;
import dev.sluice.controlplane.scheduler.SchedulingFixtures;
import dev.sluice.controlplane.store.ControlPlaneDatabase;
import dev.sluice.controlplane.streams.TestStreams;
import dev.sluice.proto.v1.Assignment;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.PostgresExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workers registered over gRPC that heartbeat, a running {@link Scheduler}, and one worker that
 * stops heartbeating: its instance must move with a higher epoch within the lease plus 5 s.
 */
@ExtendWith(PostgresExtension.class)
class LeaseExpiryIT {

  private static final Logger log = LoggerFactory.getLogger(LeaseExpiryIT.class);
  private static final String TOKEN = "lease-token";
  private static final Duration LEASE = Duration.ofSeconds(2);

  @Test
  void theInstancesOfAWorkerThatStopsHeartbeatingMoveWithAHigherEpoch(EmbeddedPostgres postgres)
      throws Exception {
    ScheduledExecutorService heartbeats = Executors.newScheduledThreadPool(3);
    try (ControlPlaneDatabase database = SchedulingFixtures.open(postgres, "lease_expiry_it");
        Scheduler scheduler = Scheduler.start(
            database.jdbi(), ControlTopics.defaults(), SchedulerConfig.defaults());
        RegistryServer server = RegistryServer.start(
            RegistryConfig.of(0, TOKEN, "localhost:9092")
                .withLease(LEASE, Duration.ofMillis(500)),
            database.jdbi(), TestStreams.secrets(database.jdbi()), scheduler::poke);
        RegistryClient client = RegistryClient.plaintext(server.port(), TOKEN)) {
      Map<String, ScheduledFuture<?>> beating = new HashMap<>();
      for (String name : List.of("worker-a", "worker-b", "worker-c")) {
        String id = client.register(name).getWorkerId();
        beating.put(id, heartbeats.scheduleAtFixedRate(
            () -> client.heartbeat(id, List.of()), 500, 500, TimeUnit.MILLISECONDS));
      }
      SchedulingFixtures.putStream(database.jdbi(), "ns", "s", 1, "active", 3);
      scheduler.poke();
      await().atMost(Duration.ofSeconds(10)).until(
          () -> SchedulingFixtures.assignments(database.jdbi()).size() == 3);
      Map<String, Assignment> before = SchedulingFixtures.assignments(database.jdbi());
      assertThat(before.values()).extracting(Assignment::getWorkerId)
          .containsExactlyInAnyOrderElementsOf(beating.keySet());
      String victim = before.get("ns/s/1").getWorkerId();

      beating.get(victim).cancel(false);
      long stopped = System.nanoTime();
      await().atMost(LEASE.plusSeconds(5)).until(() -> {
        Assignment moved = SchedulingFixtures.assignments(database.jdbi()).get("ns/s/1");
        return !moved.getWorkerId().equals(victim);
      });
      log.info("Instance moved {} ms after its worker's heartbeats stopped (lease {} ms)",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped), LEASE.toMillis());

      Map<String, Assignment> after = SchedulingFixtures.assignments(database.jdbi());
      assertThat(after.get("ns/s/1").getEpoch()).isEqualTo(2);
      assertThat(after.get("ns/s/1").getWorkerId()).isIn(beating.keySet());
      assertThat(after.get("ns/s/0")).isEqualTo(before.get("ns/s/0"));
      assertThat(after.get("ns/s/2")).isEqualTo(before.get("ns/s/2"));
      assertThat(client.heartbeat(victim, List.of()).getRegisterAgain()).isTrue();
    } finally {
      heartbeats.shutdownNow();
      assertThat(heartbeats.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
  }
}
