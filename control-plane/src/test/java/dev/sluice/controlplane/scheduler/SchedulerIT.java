package dev.sluice.controlplane.scheduler;

import static dev.sluice.controlplane.scheduler.SchedulingFixtures.assignments;
import static dev.sluice.controlplane.scheduler.SchedulingFixtures.expireWorker;
import static dev.sluice.controlplane.scheduler.SchedulingFixtures.outbox;
import static dev.sluice.controlplane.scheduler.SchedulingFixtures.putStream;
import static dev.sluice.controlplane.scheduler.SchedulingFixtures.putWorker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.controlplane.outbox.ControlTopics;
import dev.sluice.controlplane.scheduler.SchedulingFixtures.OutboxEvent;
import dev.sluice.controlplane.store.ControlPlaneDatabase;
import dev.sluice.proto.v1.Assignment;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.PostgresExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scheduling passes, one at a time, against a real Postgres. */
@ExtendWith(PostgresExtension.class)
class SchedulerIT {

  private static final Duration LIVE = Duration.ofMinutes(5);

  private static ControlPlaneDatabase database;
  private static Jdbi jdbi;
  private AssignmentReconciler reconciler;

  @BeforeAll
  static void openDatabase(EmbeddedPostgres postgres) {
    database = SchedulingFixtures.open(postgres, "scheduler_it");
    jdbi = database.jdbi();
  }

  @AfterAll
  static void closeDatabase() {
    database.close();
  }

  @BeforeEach
  void reset() {
    SchedulingFixtures.reset(jdbi);
    reconciler = new AssignmentReconciler(jdbi, ControlTopics.defaults(), Duration.ofHours(1));
  }

  @Test
  void spreadsInstancesOverWorkersWithEpochOneAndWritesTheirEventsInOrder() {
    workers("w1", "w2", "w3");
    putStream(jdbi, "ns", "s", 1, "active", 3);

    reconciler.reconcile();

    Map<String, Assignment> assignments = assignments(jdbi);
    assertThat(assignments).containsOnlyKeys("ns/s/0", "ns/s/1", "ns/s/2");
    assertThat(assignments.values()).extracting(Assignment::getWorkerId)
        .containsExactlyInAnyOrder("w1", "w2", "w3");
    assertThat(assignments.values()).allSatisfy(a -> {
      assertThat(a.getEpoch()).isEqualTo(1);
      assertThat(a.getRevision()).isEqualTo(1);
    });
    List<OutboxEvent> events = outbox(jdbi);
    assertThat(events).extracting(OutboxEvent::topic).containsOnly("sluice.assignments");
    assertThat(events).extracting(OutboxEvent::key).containsExactly("ns/s/0", "ns/s/1", "ns/s/2");
    assertThat(events).extracting(OutboxEvent::value)
        .containsExactlyElementsOf(assignments.values());
  }

  @Test
  void changesNothingWhenNothingChanged() {
    workers("w1", "w2");
    putStream(jdbi, "ns", "s", 1, "active", 3);
    reconciler.reconcile();
    Map<String, Assignment> before = assignments(jdbi);
    int events = outbox(jdbi).size();

    assertThat(reconciler.reconcile()).isEmpty();

    assertThat(assignments(jdbi)).isEqualTo(before);
    assertThat(outbox(jdbi)).hasSize(events);
  }

  @Test
  void reassignsTheInstanceOfAnExpiredWorkerWithTheNextEpoch() {
    workers("w1", "w2", "w3");
    putStream(jdbi, "ns", "s", 1, "active", 3);
    reconciler.reconcile();
    String lost = workerRunning("ns/s/1");
    Map<String, Assignment> before = assignments(jdbi);

    expireWorker(jdbi, lost, Duration.ofSeconds(1));
    reconciler.reconcile();

    Map<String, Assignment> after = assignments(jdbi);
    assertThat(after.get("ns/s/1").getWorkerId()).isNotEqualTo(lost).isIn("w1", "w2", "w3");
    assertThat(after.get("ns/s/1").getEpoch()).isEqualTo(2);
    assertThat(after.get("ns/s/0")).isEqualTo(before.get("ns/s/0"));
    assertThat(after.get("ns/s/2")).isEqualTo(before.get("ns/s/2"));
    assertThat(last(outbox(jdbi)).value()).isEqualTo(after.get("ns/s/1"));
  }

  @Test
  void pausingUnassignsWithTombstonesAndResumingContinuesTheEpochs() {
    workers("w1", "w2", "w3");
    putStream(jdbi, "ns", "s", 1, "active", 3);
    reconciler.reconcile();
    int before = outbox(jdbi).size();

    putStream(jdbi, "ns", "s", 2, "paused", 3);
    reconciler.reconcile();

    assertThat(assignments(jdbi)).isEmpty();
    List<OutboxEvent> tombstones = outbox(jdbi).subList(before, before + 3);
    assertThat(tombstones).extracting(OutboxEvent::key)
        .containsExactly("ns/s/0", "ns/s/1", "ns/s/2");
    assertThat(tombstones).extracting(OutboxEvent::value).containsOnlyNulls();

    putStream(jdbi, "ns", "s", 3, "active", 3);
    reconciler.reconcile();

    assertThat(assignments(jdbi).values()).extracting(Assignment::getEpoch).containsOnly(2L);
    assertThat(assignments(jdbi).values()).extracting(Assignment::getRevision).containsOnly(3L);
  }

  @Test
  void loweringTheParallelismUnassignsTheExtraInstances() {
    workers("w1", "w2", "w3");
    putStream(jdbi, "ns", "s", 1, "active", 3);
    reconciler.reconcile();
    Assignment first = assignments(jdbi).get("ns/s/0");
    int before = outbox(jdbi).size();

    putStream(jdbi, "ns", "s", 2, "active", 1);
    reconciler.reconcile();

    assertThat(assignments(jdbi)).containsOnlyKeys("ns/s/0");
    assertThat(assignments(jdbi).get("ns/s/0"))
        .isEqualTo(first.toBuilder().setRevision(2).build());
    List<OutboxEvent> events = outbox(jdbi).subList(before, outbox(jdbi).size());
    assertThat(events).extracting(OutboxEvent::key).containsExactly("ns/s/0", "ns/s/1", "ns/s/2");
    assertThat(events.get(0).value().getRevision()).isEqualTo(2);
    assertThat(events.subList(1, 3)).extracting(OutboxEvent::value).containsOnlyNulls();
  }

  @Test
  void aNewRevisionKeepsWorkerAndEpoch() {
    workers("w1", "w2");
    putStream(jdbi, "ns", "s", 1, "active", 2);
    reconciler.reconcile();
    Map<String, Assignment> before = assignments(jdbi);

    putStream(jdbi, "ns", "s", 2, "active", 2);
    reconciler.reconcile();

    Map<String, Assignment> after = assignments(jdbi);
    before.forEach((key, assignment) ->
        assertThat(after.get(key)).isEqualTo(assignment.toBuilder().setRevision(2).build()));
    assertThat(outbox(jdbi)).hasSize(4);
    assertThat(outbox(jdbi).subList(2, 4)).extracting(OutboxEvent::value)
        .containsExactlyElementsOf(after.values());
  }

  @Test
  void aJoiningWorkerTakesOverOneInstancePerPass() {
    workers("w1");
    putStream(jdbi, "ns", "s", 1, "active", 6);
    reconciler.reconcile();
    assertThat(load()).isEqualTo(Map.of("w1", 6L));

    workers("w2");
    List<Map<String, Long>> loads = new ArrayList<>();
    List<Integer> changes = new ArrayList<>();
    for (int pass = 0; pass < 4; pass++) {
      changes.add(reconciler.reconcile().size());
      loads.add(load());
    }

    assertThat(changes).containsExactly(1, 1, 1, 0);
    assertThat(loads).containsExactly(
        Map.of("w1", 5L, "w2", 1L), Map.of("w1", 4L, "w2", 2L),
        Map.of("w1", 3L, "w2", 3L), Map.of("w1", 3L, "w2", 3L));
    assertThat(assignments(jdbi).values())
        .filteredOn(a -> a.getWorkerId().equals("w2"))
        .extracting(Assignment::getEpoch).containsOnly(2L);
  }

  @Test
  void deletedAndInvalidStreamsRunNowhere() {
    workers("w1");
    putStream(jdbi, "ns", "deleted", 1, "active", 1);
    putStream(jdbi, "ns", "broken", 1, "active", 1);
    reconciler.reconcile();
    assertThat(assignments(jdbi)).containsOnlyKeys("ns/broken/0", "ns/deleted/0");

    SchedulingFixtures.deleteStream(jdbi, "ns", "deleted");
    putStream(jdbi, "ns", "broken", 2, "active", (String) null);
    reconciler.reconcile();

    assertThat(assignments(jdbi)).isEmpty();
    assertThat(outbox(jdbi).subList(2, 4)).extracting(OutboxEvent::value).containsOnlyNulls();
  }

  @Test
  void instancesWaitForALiveWorker() {
    putStream(jdbi, "ns", "s", 1, "active", 2);
    reconciler.reconcile();
    assertThat(assignments(jdbi)).isEmpty();

    workers("w1");
    reconciler.reconcile();

    assertThat(assignments(jdbi)).containsOnlyKeys("ns/s/0", "ns/s/1");
  }

  @Test
  void forgetsWorkersLongDeadThatRunNothing() {
    workers("alive");
    expireWorker(jdbi, "dead-long", Duration.ofHours(2));
    expireWorker(jdbi, "dead-recently", Duration.ofMinutes(5));

    reconciler.reconcile();

    List<String> workers = jdbi.withHandle(h -> h.createQuery("select id from workers order by id")
        .mapTo(String.class).list());
    assertThat(workers).containsExactly("alive", "dead-recently");
  }

  @Test
  void republishesEveryAssignmentAndATombstoneForEveryInstanceThatRunsNowhere() {
    workers("w1", "w2");
    putStream(jdbi, "ns", "s", 1, "active", 2);
    putStream(jdbi, "ns", "t", 1, "active", 1);
    reconciler.reconcile();
    putStream(jdbi, "ns", "t", 2, "paused", 1);
    reconciler.reconcile();
    int before = outbox(jdbi).size();

    assertThat(reconciler.republishAll()).isEqualTo(2);

    List<OutboxEvent> events = outbox(jdbi).subList(before, outbox(jdbi).size());
    assertThat(events).extracting(OutboxEvent::key).containsExactly("ns/s/0", "ns/s/1", "ns/t/0");
    assertThat(events.subList(0, 2)).extracting(OutboxEvent::value)
        .containsExactlyElementsOf(assignments(jdbi).values());
    assertThat(events.get(2).value()).isNull();
  }

  private static void workers(String... ids) {
    for (String id : ids) {
      putWorker(jdbi, id, LIVE);
    }
  }

  private static String workerRunning(String key) {
    return assignments(jdbi).get(key).getWorkerId();
  }

  private static Map<String, Long> load() {
    return assignments(jdbi).values().stream().collect(Collectors.groupingBy(
        Assignment::getWorkerId, TreeMap::new, Collectors.counting()));
  }

  private static OutboxEvent last(List<OutboxEvent> events) {
    return events.getLast();
  }
}
