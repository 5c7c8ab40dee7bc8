package dev.sluice.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.api.component.SourceConnector;
import dev.sluice.api.component.SourceConnectorProvider;
import dev.sluice.api.component.SourceRecord;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.record.Record;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What every source connector must do, checked against a real external system the subclass
 * provides.
 *
 * <p>The subclass appends records to the system with ids 0, 1, 2, ... in order, and tells the kit
 * how to read the id back from a polled record. Each test starts from an empty system: set it up
 * fresh per test (JUnit creates a new instance of the class for every test).
 */
public abstract class SourceConformance {

  /** How long the kit waits for appended records to be polled. */
  protected static final Duration PATIENCE = Duration.ofSeconds(60);

  private long appended;

  /** The connector under test. */
  protected abstract SourceConnectorProvider provider();

  /** Worker settings the connector reads, such as {@code ingest.port}; none by default. */
  protected Map<String, String> workerSettings() {
    return Map.of();
  }

  /** A config, as a user would write it, that reads from this test's system. */
  protected abstract Map<String, Object> config();

  /**
   * Makes records with ids {@code firstId} to {@code firstId + count - 1} available in the system,
   * in that order, and returns once they are there.
   */
  protected abstract void append(long firstId, int count) throws Exception;

  /** The id of a record the connector polled, as appended by {@link #append}. */
  protected abstract long idOf(Record record);

  /**
   * A config with several mistakes, and the path of each, relative to the component's config:
   * validation must report every one of them.
   */
  protected abstract InvalidConfig invalidConfig();

  /** A valid config whose system cannot be reached: start or poll must say so retriably. */
  protected abstract Map<String, Object> unreachableConfig();

  /**
   * A valid config the system refuses for good (unknown credentials, a missing table): start or
   * poll must throw a {@link ConfigException} or {@link PermanentException}, never a retriable
   * one, so the stream fails with a reason instead of retrying forever.
   */
  protected abstract Map<String, Object> refusedConfig();

  @Test
  void startsPollsEveryAppendedRecordInOrderAndCloses() throws Exception {
    appendNext(25);
    try (SourceConnector source = start(Optional.empty())) {
      assertThat(ids(pollUntil(source, 25))).containsExactlyElementsOf(range(0, 25));
    }
  }

  @Test
  void restartResumesFromTheSavedPosition() throws Exception {
    appendNext(10);
    Map<String, Object> saved;
    try (SourceConnector source = start(Optional.empty())) {
      List<SourceRecord> first = pollUntil(source, 10);
      saved = first.get(first.size() - 1).position();
      source.acknowledge(saved);
    }
    appendNext(5);
    try (SourceConnector source = start(Optional.of(saved))) {
      assertThat(ids(pollUntil(source, 5))).as("records after the saved position, and only those")
          .containsExactlyElementsOf(range(10, 15));
    }
  }

  @Test
  void recordsNotAcknowledgedAreReadAgainAfterARestart() throws Exception {
    appendNext(10);
    Map<String, Object> durable;
    try (SourceConnector source = start(Optional.empty())) {
      List<SourceRecord> polled = pollUntil(source, 10);
      durable = polled.get(3).position();
      source.acknowledge(durable);
    }
    try (SourceConnector source = start(Optional.of(durable))) {
      assertThat(ids(pollUntil(source, 6)))
          .as("records polled but never acknowledged must not be lost upstream")
          .containsExactlyElementsOf(range(4, 10));
    }
  }

  @Test
  void aBadConfigIsRefusedWithEveryProblemListed() {
    validation().assertRefusedWithEveryProblem(invalidConfig());
  }

  @Test
  void anUnreachableSystemIsRetriable() {
    Throwable thrown = failureOf(unreachableConfig());
    assertThat(thrown).as("start or poll against an unreachable system")
        .isInstanceOf(RetriableException.class);
    assertThat(thrown.getMessage()).isNotBlank();
  }

  @Test
  void aRefusalIsPermanent() {
    Throwable thrown = failureOf(refusedConfig());
    assertThat(thrown).as("start or poll against a system that refuses the config")
        .isInstanceOfAny(ConfigException.class, PermanentException.class);
    assertThat(thrown.getMessage()).isNotBlank();
  }

  /** Appends the next {@code count} ids. */
  protected final void appendNext(int count) throws Exception {
    append(appended, count);
    appended += count;
  }

  /** Starts a new connector with the test's config, resuming from {@code position}. */
  protected final SourceConnector start(Optional<Map<String, Object>> position)
      throws ComponentException {
    return start(config(), position);
  }

  /** Polls until {@code count} records arrived, or fails after {@link #PATIENCE}. */
  protected static List<SourceRecord> pollUntil(SourceConnector source, int count)
      throws ComponentException {
    List<SourceRecord> polled = new ArrayList<>();
    Instant deadline = Instant.now().plus(PATIENCE);
    while (polled.size() < count && Instant.now().isBefore(deadline)) {
      polled.addAll(source.poll(Duration.ofMillis(200)));
    }
    assertThat(polled).as("records polled within %s", PATIENCE).hasSize(count);
    return polled;
  }

  /** The ids of {@code records}, in order. */
  protected final List<Long> ids(List<SourceRecord> records) {
    return records.stream().map(r -> idOf(r.record())).toList();
  }

  /** Ids {@code from} (inclusive) to {@code to} (exclusive). */
  protected static List<Long> range(long from, long to) {
    return LongStream.range(from, to).boxed().toList();
  }

  private SourceConnector start(Map<String, Object> raw, Optional<Map<String, Object>> position)
      throws ComponentException {
    SourceConnector source = provider().create();
    try {
      source.start(new ConformanceContext(
          "conformance/stream", validation().valid(raw), position, workerSettings()));
      return source;
    } catch (ComponentException | RuntimeException e) {
      source.close();
      throw e;
    }
  }

  private Throwable failureOf(Map<String, Object> raw) {
    Throwable thrown = catchThrowable(() -> {
      try (SourceConnector source = start(raw, Optional.empty())) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
          source.poll(Duration.ofMillis(200));
        }
      }
    });
    assertThat(thrown).as("an error within %s", PATIENCE).isNotNull();
    return thrown;
  }

  private ConfigValidation validation() {
    return new ConfigValidation(provider().descriptor());
  }
}
