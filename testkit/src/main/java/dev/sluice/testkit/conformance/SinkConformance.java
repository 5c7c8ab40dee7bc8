package dev.sluice.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.api.component.SinkConnector;
import dev.sluice.api.component.SinkConnectorProvider;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.record.Record;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What every sink connector must do, checked against a real destination the subclass provides.
 *
 * <p>The kit writes records made by {@link #record(long)}: key {@code "k<id>"}, a JSON object
 * value {@code {"id": <id>, "name": "record <id>", "amount": <id * 1.5>}}, a header {@code
 * trace}. The subclass reads back which ids the destination holds. JUnit creates a new instance
 * for every test: give each its own destination (a table, a file, a path).
 */
public abstract class SinkConformance {

  /** The connector under test. */
  protected abstract SinkConnectorProvider provider();

  /** Worker settings the connector reads, such as {@code ingest.port}; none by default. */
  protected Map<String, String> workerSettings() {
    return Map.of();
  }

  /** A config, as a user would write it, that writes to this test's destination. */
  protected abstract Map<String, Object> config();

  /**
   * The ids the destination durably holds now, in the order it holds them where it has one
   * (ascending otherwise); each as many times as it holds it.
   */
  protected abstract List<Long> delivered() throws Exception;

  /**
   * Whether writing the same record twice leaves one copy (upserts, idempotency keys). Sinks that
   * append keep both copies, which is what at-least-once allows.
   */
  protected abstract boolean idempotent();

  /** A config with several mistakes, and the path of each relative to the component's config. */
  protected abstract InvalidConfig invalidConfig();

  /** A valid config whose destination cannot be reached: start or write must say so retriably. */
  protected abstract Map<String, Object> unreachableConfig();

  /**
   * A record the destination refuses for good (a value of the wrong type, a 4xx answer), written
   * with the config of {@link #config()}; empty when the destination accepts whatever a record
   * holds, in which case the kit checks that odd records (no key, an empty object, text with
   * control characters) are delivered instead.
   */
  protected abstract Optional<Record> refusedRecord();

  /** The kit's record with id {@code id}. */
  protected static Record record(long id) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("id", id);
    value.put("name", "record " + id);
    value.put("amount", id * 1.5);
    return new Record("k" + id, value,
        Map.of("trace", ("t" + id).getBytes(StandardCharsets.UTF_8)), 1_700_000_000_000L + id);
  }

  @Test
  void startsWritesEveryRecordAndCloses() throws Exception {
    try (SinkConnector sink = start(config())) {
      sink.write(records(0, 40));
      sink.write(records(40, 100));
    }
    assertThat(delivered()).containsExactlyElementsOf(range(0, 100));
  }

  @Test
  void aWriteReturnsOnlyOnceTheDestinationHoldsTheBatch() throws Exception {
    try (SinkConnector sink = start(config())) {
      sink.write(records(0, 10));
      assertThat(delivered()).as("held right after the first write returned")
          .containsExactlyElementsOf(range(0, 10));
      sink.write(records(10, 30));
      assertThat(delivered()).as("held right after the second write returned")
          .containsExactlyElementsOf(range(0, 30));
    }
  }

  @Test
  void aRestartedSinkKeepsWhatWasDeliveredAndTakesRedeliveries() throws Exception {
    try (SinkConnector sink = start(config())) {
      sink.write(records(0, 20));
    }
    try (SinkConnector sink = start(config())) {
      sink.write(records(10, 30));
    }
    List<Long> expected = new ArrayList<>(range(0, 20));
    if (idempotent()) {
      expected.addAll(range(20, 30));
    } else {
      expected.addAll(range(10, 30));
    }
    assertThat(delivered()).as("after a restart and a redelivery of ids 10-19 (idempotent: %s)",
        idempotent()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aBadConfigIsRefusedWithEveryProblemListed() {
    validation().assertRefusedWithEveryProblem(invalidConfig());
  }

  @Test
  void anUnreachableDestinationIsRetriable() {
    Throwable thrown = catchThrowable(() -> {
      try (SinkConnector sink = start(unreachableConfig())) {
        sink.write(records(0, 1));
      }
    });
    assertThat(thrown).as("start or write against an unreachable destination")
        .isInstanceOf(RetriableException.class);
    assertThat(thrown.getMessage()).isNotBlank();
  }

  @Test
  void aRefusedRecordIsPermanentAndNamedWhileTheOnesBeforeItAreDelivered() throws Exception {
    Optional<Record> refused = refusedRecord();
    try (SinkConnector sink = start(config())) {
      if (refused.isEmpty()) {
        sink.write(List.of(new Record(null, Map.of("id", 0L), Map.of(), 0L),
            new Record(null, Map.of("id", 1L, "name", "tab\t \"quoted\" \u0001 ünï"), Map.of(), 0L)));
        assertThat(delivered()).as("odd records: no key, no headers, control characters")
            .containsExactly(0L, 1L);
        return;
      }
      List<Record> batch = new ArrayList<>(records(0, 2));
      batch.add(refused.get());
      batch.add(record(3));
      Throwable thrown = catchThrowable(() -> sink.write(batch));
      assertThat(thrown).isInstanceOf(PermanentException.class);
      assertThat(((PermanentException) thrown).recordIndex()).as("index of the refused record")
          .hasValue(2);
    }
    assertThat(delivered()).as("the records before the refused one").containsAll(range(0, 2));
  }

  /** The kit's records with ids {@code from} (inclusive) to {@code to} (exclusive). */
  protected static List<Record> records(long from, long to) {
    return LongStream.range(from, to).mapToObj(SinkConformance::record).toList();
  }

  private static List<Long> range(long from, long to) {
    return LongStream.range(from, to).boxed().toList();
  }

  private SinkConnector start(Map<String, Object> raw) throws ComponentException {
    SinkConnector sink = provider().create();
    try {
      sink.start(new ConformanceContext("conformance/stream", validation().valid(raw),
          Optional.empty(), workerSettings()));
      return sink;
    } catch (ComponentException | RuntimeException e) {
      sink.close();
      throw e;
    }
  }

  private ConfigValidation validation() {
    return new ConfigValidation(provider().descriptor());
  }
}
