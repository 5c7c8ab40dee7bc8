package dev.sluice.controlplane.streams;

import dev.sluice.api.definition.StreamDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs a stream's processors on sample records, as a worker would, for {@code POST /api/v1/test}.
 * The worker's engine provides it (the control plane does not depend on the engine; {@code sluice
 * coordinator} and {@code sluice dev} hand it over). Must be thread-safe: requests run in parallel.
 */
@FunctionalInterface
public interface SampleRunner {

  /** For a control plane started without an engine: every test is refused with this reason. */
  SampleRunner UNAVAILABLE = (stream, samples) -> {
    throw new SampleRunException("this control plane was started without the worker's engine, so it cannot "
        + "run tests; start it with sluice coordinator or sluice dev");
  };

  /**
   * A record to feed the stream.
   *
   * @param key its key, or {@code null}
   * @param value its value, JSON-like
   * @param time its timestamp, or {@code null} for one millisecond after the previous sample
   */
  record Sample(Object key, Object value, Instant time) {}

  /**
   * Runs {@code stream}'s processors on {@code samples}.
   *
   * @return JSON-like: {@code output} (records with key, value, time), {@code deadLetters}
   *     (stage, error, key, value), {@code steps} (what each stage handed on) and {@code failure}
   * @throws SampleRunException when the stream cannot run here, saying why
   */
  Map<String, Object> run(StreamDefinition stream, List<Sample> samples) throws SampleRunException;

  /** The stream cannot run here: a component is not installed, an expression does not compile. */
  final class SampleRunException extends Exception {
    public SampleRunException(String message) {
      super(message);
    }
  }
}
