package dev.sluice.controlplane.streams;

import static dev.sluice.controlplane.streams.TestStreams.orders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.controlplane.outbox.ControlTopics;
import dev.sluice.controlplane.store.ConflictException;
import dev.sluice.controlplane.store.ControlPlaneDatabase;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.PostgresExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two updates based on the same resourceVersion, started at the same moment: one wins. */
@ExtendWith(PostgresExtension.class)
class ConcurrentUpdatesIT {

  private static final String NS = "race";

  private static ControlPlaneDatabase database;
  private static StreamService streams;
  private static ExecutorService threads;

  @BeforeAll
  static void openDatabase(EmbeddedPostgres postgres) {
    database = TestStreams.database(postgres, "concurrent_updates_it");
    streams = TestStreams.service(database, ControlTopics.defaults());
    threads = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void closeDatabase() {
    threads.shutdownNow();
    database.close();
  }

  @RepeatedTest(5)
  void exactlyOneOfTwoUpdatesWithTheSameVersionSucceeds(RepetitionInfo repetition) throws Exception {
    String name = "stream-" + repetition.getCurrentRepetition();
    streams.create(orders(NS, name), "setup");
    CyclicBarrier start = new CyclicBarrier(2);
    List<Future<Outcome>> outcomes = new ArrayList<>();
    for (int writer = 1; writer <= 2; writer++) {
      String document = orders(NS, name, 100 + writer, "");
      String actor = "writer-" + writer;
      outcomes.add(threads.submit(() -> {
        start.await();
        try {
          return new Outcome(actor, streams.update(NS, name, document, 1L, actor), null);
        } catch (ConflictException e) {
          return new Outcome(actor, null, e);
        }
      }));
    }
    List<Outcome> results = new ArrayList<>();
    for (Future<Outcome> outcome : outcomes) {
      results.add(outcome.get());
    }

    List<Outcome> won = results.stream().filter(o -> o.saved() != null).toList();
    List<Outcome> lost = results.stream().filter(o -> o.conflict() != null).toList();
    assertThat(won).hasSize(1);
    assertThat(lost).hasSize(1);
    assertThat(lost.get(0).conflict()).hasMessageContaining("is at revision 2");
    StoredStream current = streams.get(NS, name).orElseThrow();
    assertThat(current.revision()).isEqualTo(2);
    assertThat(current.document()).isEqualTo(won.get(0).saved().stream().document());
    assertThat(streams.revisions(NS, name)).hasSize(2)
        .last().satisfies(r -> assertThat(r.createdBy()).isEqualTo(won.get(0).actor()));
  }

  private record Outcome(String actor, SaveResult saved, ConflictException conflict) {}
}
