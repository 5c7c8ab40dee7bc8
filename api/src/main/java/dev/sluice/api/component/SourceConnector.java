package dev.sluice.api.component;

import dev.sluice.api.error.ComponentException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads records from an external system into a stream.
 *
 * <p>Lifecycle: {@link #start} once, then {@link #poll} in a loop, with {@link #acknowledge} as
 * batches become durable, then {@link #close}. All calls come from one thread.
 *
 * <p>Delivery: Sluice writes each polled batch to the stream's ingress topic, stores the last
 * record's position, and then acknowledges it. After a crash the connector restarts from the last
 * stored position, so records after it may be read twice (at-least-once), never skipped.
 */
public interface SourceConnector extends AutoCloseable {

  /**
   * Connects and positions the reader at {@link SourceContext#committedPosition()}.
   *
   * @throws ComponentException a {@code ConfigException} for a config that cannot work, a
   *     {@code RetriableException} when the system is not reachable yet
   */
  void start(SourceContext context) throws ComponentException;

  /**
   * Returns the next batch, waiting at most {@code timeout} for one; an empty list when nothing
   * arrived. Never returns records already returned, unless restarted.
   *
   * @throws ComponentException a {@code RetriableException} to be polled again after a backoff
   */
  List<SourceRecord> poll(Duration timeout) throws ComponentException;

  /**
   * Whether a finite input has run out: once true and every polled record is durable, the stream
   * instance is {@code completed}. Unbounded inputs keep the default.
   */
  default boolean exhausted() {
    return false;
  }

  /**
   * Every record up to and including the one at {@code position} is durable in Kafka; the
   * connector may now acknowledge them upstream (commit a cursor, confirm an LSN).
   */
  default void acknowledge(Map<String, Object> position) {}

  /** Releases connections and threads. Called once, also after a failed start. */
  @Override
  void close();
}
