package dev.sluice.controlplane.grpc;

import static dev.sluice.proto.v1.InstanceState.INSTANCE_STATE_COMPLETED;
import static dev.sluice.proto.v1.InstanceState.INSTANCE_STATE_FAILED;
import static dev.sluice.proto.v1.InstanceState.INSTANCE_STATE_RUNNING;
import static dev.sluice.proto.v1.InstanceState.INSTANCE_STATE_STARTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.sluice.controlplane.outbox.ControlTopics;
import dev.sluice.controlplane.scheduler.AssignmentReconciler;
import dev.sluice.controlplane.scheduler.InstanceEvent;
import dev.sluice.controlplane.scheduler.InstanceStatus;
import dev.sluice.controlplane.scheduler.SchedulingFixtures;
import dev.sluice.controlplane.scheduler.StatusQueries;
import dev.sluice.controlplane.scheduler.StreamStatus;
import dev.sluice.controlplane.store.ControlPlaneDatabase;
import dev.sluice.controlplane.streams.TestStreams;
import dev.sluice.proto.v1.Assignment;
import dev.sluice.proto.v1.InstanceReport;
import dev.sluice.proto.v1.InstanceState;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.PostgresExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reports sent over gRPC by two registered workers, aggregated by {@link StatusQueries}; the
 * stream {@code ns/s} has two instances, one on each worker.
 */
@ExtendWith(PostgresExtension.class)
class ObservedStatusIT {

  private static final String TOKEN = "status-token";

  private static ControlPlaneDatabase database;
  private static Jdbi jdbi;
  private static RegistryServer server;
  private RegistryClient client;
  private StatusQueries queries;
  private Map<String, Assignment> assignments;

  @BeforeAll
  static void start(EmbeddedPostgres postgres) {
    database = SchedulingFixtures.open(postgres, "observed_status_it");
    jdbi = database.jdbi();
    server = RegistryServer.start(RegistryConfig.of(0, TOKEN, "localhost:9092"), jdbi, TestStreams.secrets(jdbi),
        () -> {});
  }

  @AfterAll
  static void stop() {
    server.close();
    database.close();
  }

  @BeforeEach
  void assignTwoInstances() {
    SchedulingFixtures.reset(jdbi);
    client = RegistryClient.plaintext(server.port(), TOKEN);
    client.register("worker-a");
    client.register("worker-b");
    SchedulingFixtures.putStream(jdbi, "ns", "s", 1, "active", 2);
    new AssignmentReconciler(jdbi, ControlTopics.defaults(), Duration.ofHours(1)).reconcile();
    assignments = SchedulingFixtures.assignments(jdbi);
    queries = new StatusQueries(jdbi);
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void pendingUntilEveryInstanceReportsRunningThenRunning() {
    assertThat(status().state()).isEqualTo(StreamStatus.State.PENDING);
    assertThat(status().instances()).extracting(InstanceStatus::state)
        .containsOnly(InstanceStatus.State.PENDING);

    heartbeat(0, INSTANCE_STATE_RUNNING, "");
    heartbeat(1, INSTANCE_STATE_STARTING, "");
    assertThat(status().state()).isEqualTo(StreamStatus.State.PENDING);

    heartbeat(1, INSTANCE_STATE_RUNNING, "");
    StreamStatus running = status();
    assertThat(running.state()).isEqualTo(StreamStatus.State.RUNNING);
    InstanceStatus first = running.instances().getFirst();
    assertThat(first.workerId()).isEqualTo(assignments.get("ns/s/0").getWorkerId());
    assertThat(first.workerName()).isIn("worker-a", "worker-b");
    assertThat(first.epoch()).isEqualTo(1);
    assertThat(first.revision()).isEqualTo(1);
    assertThat(first.recordsIn()).isEqualTo(10);
    assertThat(first.recordsOut()).isEqualTo(9);
    assertThat(first.errors()).isEqualTo(1);
    assertThat(first.deadLettered()).isEqualTo(1);
    assertThat(first.lag()).isEqualTo(5);
    assertThat(first.updatedAt()).isNotNull();
  }

  @Test
  void failedWithTheErrorReportedByReportStatus() {
    heartbeat(0, INSTANCE_STATE_RUNNING, "");
    client.report(workerOf(1), report(1, INSTANCE_STATE_FAILED, "output kafka: topic missing")
        .build());

    StreamStatus status = status();
    assertThat(status.state()).isEqualTo(StreamStatus.State.FAILED);
    assertThat(status.error()).isEqualTo("instance 1: output kafka: topic missing");
  }

  @Test
  void completedWhenEveryInstanceCompleted() {
    heartbeat(0, INSTANCE_STATE_COMPLETED, "");
    heartbeat(1, INSTANCE_STATE_COMPLETED, "");

    assertThat(status().state()).isEqualTo(StreamStatus.State.COMPLETED);
  }

  @Test
  void pausedWhenDesiredPaused() {
    heartbeat(0, INSTANCE_STATE_RUNNING, "");
    SchedulingFixtures.setState(jdbi, "ns", "s", "paused");

    assertThat(status().state()).isEqualTo(StreamStatus.State.PAUSED);
  }

  @Test
  void listsEveryStreamAndKnowsNoneThatDoesNotExist() {
    SchedulingFixtures.putStream(jdbi, "a-ns", "paused", 1, "paused", 2);

    assertThat(queries.statuses())
        .extracting(StreamStatus::namespace, StreamStatus::name, StreamStatus::state)
        .containsExactly(
            tuple("a-ns", "paused", StreamStatus.State.PAUSED),
            tuple("ns", "s", StreamStatus.State.PENDING));
    assertThat(queries.statuses().getFirst().instances()).extracting(InstanceStatus::state)
        .containsExactly(InstanceStatus.State.STOPPED, InstanceStatus.State.STOPPED);
    assertThat(queries.status("ns", "missing")).isEmpty();
  }

  @Test
  void keepsEachChangeOfAnInstanceAsAnEventButNotRepeatedReports() {
    heartbeat(0, INSTANCE_STATE_STARTING, "");
    heartbeat(0, INSTANCE_STATE_RUNNING, "");
    heartbeat(0, INSTANCE_STATE_RUNNING, "");
    client.report(workerOf(0), report(0, INSTANCE_STATE_FAILED, "output kafka: topic missing").build());
    heartbeat(0, INSTANCE_STATE_FAILED, "output kafka: topic missing");
    heartbeat(0, INSTANCE_STATE_RUNNING, "");

    assertThat(queries.instanceEvents("ns", "s", 10))
        .extracting(InstanceEvent::instance, InstanceEvent::state, InstanceEvent::error, InstanceEvent::workerId)
        .containsExactly(
            tuple(0, "running", null, workerOf(0)),
            tuple(0, "failed", "output kafka: topic missing", workerOf(0)),
            tuple(0, "running", null, workerOf(0)),
            tuple(0, "starting", null, workerOf(0)));
    assertThat(queries.instanceEvents("ns", "s", 10).getFirst().workerName()).isIn("worker-a", "worker-b");
    assertThat(queries.instanceEvents("ns", "s", 2)).hasSize(2);
    assertThat(queries.instanceEvents("ns", "other", 10)).isEmpty();
  }

  @Test
  void ignoresReportsOfAnOlderEpoch() {
    heartbeat(0, INSTANCE_STATE_RUNNING, "");
    client.heartbeat(workerOf(0), List.of(report(0, INSTANCE_STATE_FAILED, "stale")
        .setEpoch(0).build()));

    assertThat(status().instances().getFirst().state()).isEqualTo(InstanceStatus.State.RUNNING);
  }

  @Test
  void computesThroughputFromReportsAtLeastASecondApart() {
    long[] out = {0};
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).until(() -> {
      out[0] += 100;
      client.heartbeat(workerOf(0), List.of(
          report(0, INSTANCE_STATE_RUNNING, "").setRecordsIn(out[0]).setRecordsOut(out[0]).build()));
      return status().instances().getFirst().recordsOutPerSec() != null;
    });

    assertThat(status().instances().getFirst().recordsOutPerSec()).isPositive();
    assertThat(status().recordsOutPerSec()).isPositive();
  }

  private StreamStatus status() {
    return queries.status("ns", "s").orElseThrow();
  }

  private String workerOf(int instance) {
    return assignments.get("ns/s/" + instance).getWorkerId();
  }

  private void heartbeat(int instance, InstanceState state, String error) {
    client.heartbeat(workerOf(instance), List.of(report(instance, state, error).build()));
  }

  private InstanceReport.Builder report(int instance, InstanceState state, String error) {
    return RegistryClient.report("ns", "s", instance,
            assignments.get("ns/s/" + instance).getEpoch(), state)
        .setRecordsIn(10)
        .setRecordsOut(9)
        .setErrors(1)
        .setDeadLettered(1)
        .setLag(5)
        .setError(error);
  }
}
