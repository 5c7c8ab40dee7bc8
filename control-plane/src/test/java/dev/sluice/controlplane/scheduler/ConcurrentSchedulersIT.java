package dev.sluice.controlplane.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.controlplane.outbox.ControlTopics;
import dev.sluice.controlplane.scheduler.SchedulingFixtures.OutboxEvent;
import dev.sluice.controlplane.store.ControlPlaneDatabase;
import dev.sluice.proto.v1.Assignment;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.PostgresExtension;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two control planes' schedulers on one database while streams and workers churn: every instance
 * has at most one assignment at any time, its epochs only grow, and the outbox ends up describing
 * exactly the table.
 */
@ExtendWith(PostgresExtension.class)
class ConcurrentSchedulersIT {

  private static final SchedulerConfig FAST =
      new SchedulerConfig(Duration.ofMillis(50), Duration.ofHours(1));
  private static final int STEPS = 80;
  private static final Duration LIVE = Duration.ofMinutes(5);

  @Test
  void twoSchedulersNeverDoubleAssignAndConverge(EmbeddedPostgres postgres) throws Exception {
    String url = postgres.createDatabase("concurrent_schedulers_it");
    try (ControlPlaneDatabase first = ControlPlaneDatabase.open(url, null, null);
        ControlPlaneDatabase second = ControlPlaneDatabase.open(url, null, null);
        Scheduler one = Scheduler.start(first.jdbi(), ControlTopics.defaults(), FAST);
        Scheduler two = Scheduler.start(second.jdbi(), ControlTopics.defaults(), FAST)) {
      Jdbi jdbi = first.jdbi();
      Churn churn = new Churn(jdbi, new Random(42));
      for (int step = 0; step < STEPS; step++) {
        churn.step();
        one.poke();
        two.poke();
        Thread.sleep(30); // pacing only: lets passes interleave with the churn
      }

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> churn.assertConverged());
      assertEpochsOnlyGrowPerInstance(SchedulingFixtures.outbox(jdbi));
      assertOutboxDescribesTheTable(SchedulingFixtures.outbox(jdbi),
          SchedulingFixtures.assignments(jdbi));
    }
  }

  /** Replays each instance's events: an epoch never repeats for another worker, never shrinks. */
  private static void assertEpochsOnlyGrowPerInstance(List<OutboxEvent> events) {
    Map<String, Assignment> last = new HashMap<>();
    for (OutboxEvent event : events) {
      Assignment previous = last.get(event.key());
      if (event.value() != null && previous != null) {
        assertThat(event.value().getEpoch()).as("epoch of %s at event %d", event.key(), event.id())
            .isGreaterThanOrEqualTo(previous.getEpoch());
        if (!event.value().getWorkerId().equals(previous.getWorkerId())) {
          assertThat(event.value().getEpoch()).as("moved %s at event %d", event.key(), event.id())
              .isGreaterThan(previous.getEpoch());
        } else if (event.value().getEpoch() == previous.getEpoch()) {
          assertThat(event.value().getRevision()).as("revised %s", event.key())
              .isNotEqualTo(previous.getRevision());
        }
      }
      if (event.value() != null) {
        last.put(event.key(), event.value());
      }
    }
  }

  /** What a compacted topic keeps of the events equals the assignments table. */
  private static void assertOutboxDescribesTheTable(
      List<OutboxEvent> events, Map<String, Assignment> table) {
    Map<String, Assignment> compacted = new TreeMap<>();
    for (OutboxEvent event : events) {
      if (event.value() == null) {
        compacted.remove(event.key());
      } else {
        compacted.put(event.key(), event.value());
      }
    }
    assertThat(compacted).isEqualTo(table);
  }

  /** Random changes to streams and workers, remembering what should run where. */
  private static final class Churn {

    private final Jdbi jdbi;
    private final Random random;
    private final Map<String, Integer> parallelism = new TreeMap<>();
    private final Map<String, Long> revisions = new HashMap<>();
    private final Set<String> liveWorkers = new HashSet<>();
    private int workerCount;

    Churn(Jdbi jdbi, Random random) {
      this.jdbi = jdbi;
      this.random = random;
    }

    void step() {
      int action = random.nextInt(10);
      if (action < 2 || liveWorkers.size() < 2) {
        String id = "w" + workerCount++;
        SchedulingFixtures.putWorker(jdbi, id, LIVE);
        liveWorkers.add(id);
      } else if (action < 3) {
        String id = List.copyOf(liveWorkers).get(random.nextInt(liveWorkers.size()));
        SchedulingFixtures.expireWorker(jdbi, id, Duration.ofSeconds(1));
        liveWorkers.remove(id);
      } else if (action < 9) {
        String name = "s" + random.nextInt(5);
        long revision = revisions.merge(name, 1L, Long::sum);
        boolean active = random.nextInt(4) > 0;
        int instances = 1 + random.nextInt(4);
        SchedulingFixtures.putStream(jdbi, "ns", name, revision, active ? "active" : "paused",
            instances);
        parallelism.put(name, active ? instances : 0);
      } else if (!parallelism.isEmpty()) {
        String name = List.copyOf(parallelism.keySet()).get(random.nextInt(parallelism.size()));
        SchedulingFixtures.deleteStream(jdbi, "ns", name);
        parallelism.remove(name);
      }
    }

    void assertConverged() {
      Map<String, Assignment> table = SchedulingFixtures.assignments(jdbi);
      Map<String, Long> expected = new TreeMap<>();
      parallelism.forEach((name, count) -> {
        for (int i = 0; i < count; i++) {
          expected.put("ns/" + name + "/" + i, revisions.get(name));
        }
      });
      assertThat(table.keySet()).isEqualTo(expected.keySet());
      table.forEach((key, assignment) -> {
        assertThat(assignment.getRevision()).as(key).isEqualTo(expected.get(key));
        assertThat(assignment.getWorkerId()).as(key).isIn(liveWorkers);
      });
      IntSummaryStatistics load = load(table.values());
      assertThat(load.getMax() - load.getMin()).as("load spread").isLessThanOrEqualTo(1);
    }

    private IntSummaryStatistics load(Collection<Assignment> assignments) {
      Map<String, Integer> counts = new HashMap<>();
      liveWorkers.forEach(id -> counts.put(id, 0));
      assignments.forEach(a -> counts.merge(a.getWorkerId(), 1, Integer::sum));
      return counts.values().stream()
          .collect(Collectors.summarizingInt(Integer::intValue));
    }
  }
}
