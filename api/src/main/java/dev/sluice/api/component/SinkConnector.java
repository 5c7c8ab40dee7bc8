package dev.sluice.api.component;

import dev.sluice.api.error.ComponentException;
import dev.sluice.api.record.Record;
import java.util.List;

/**
 * Delivers a stream's records to an external system.
 *
 * <p>Lifecycle: {@link #start} once, {@link #write} per batch, then {@link #close}. All calls come
 * from one thread.
 *
 * <p>Delivery: Sluice commits its read position only after {@link #write} returned, so a batch is
 * acknowledged only once the destination has it. After a crash, batches not yet acknowledged are
 * written again: make writes idempotent where the destination allows (upserts, idempotency keys).
 */
public interface SinkConnector extends AutoCloseable {

  /**
   * Connects to the destination.
   *
   * @throws ComponentException a {@code ConfigException} for a config that cannot work, a
   *     {@code RetriableException} when the destination is not reachable yet
   */
  void start(ComponentContext context) throws ComponentException;

  /**
   * Writes {@code batch}, in order, and returns once the destination has durably accepted all of
   * it.
   *
   * @throws ComponentException a {@code RetriableException} to have the whole batch written again
   *     after a backoff; a {@code PermanentException} naming the failed record's index, which goes
   *     to the error policy while the records before it count as delivered
   */
  void write(List<Record> batch) throws ComponentException;

  /**
   * How records should be gathered into batches for {@link #write}; asked once, after {@link
   * #start}. Sinks that pay per call (HTTP requests, SQL round trips) may ask for bigger batches
   * and a linger.
   */
  default Batching batching() {
    return Batching.DEFAULT;
  }

  /** Flushes nothing further and releases connections. Called once, also after a failed start. */
  @Override
  void close();
}
