package dev.sluice.api.component;

import dev.sluice.api.error.ComponentException;
import dev.sluice.api.record.Record;
import java.util.List;

/**
 * Transforms records one at a time: map, filter, split, enrich.
 *
 * <p>Lifecycle: {@link #start} once, then {@link #process} for each record, then {@link #close}.
 * All three are called on the same thread, so an instance needs no locking; Sluice creates one
 * instance per stream instance and processing thread. Processors run inside the stream's Kafka
 * Streams topology, which hands records over one at a time; batching for remote calls belongs to
 * the processor (see the out-of-process processor protocol).
 */
public interface Processor extends AutoCloseable {

  /**
   * Prepares the processor: parse the config, compile expressions, open clients.
   *
   * @throws ComponentException a {@code ConfigException} when the config cannot work, or a
   *     {@code RetriableException} when a dependency is not reachable yet
   */
  void start(ComponentContext context) throws ComponentException;

  /**
   * Returns what replaces {@code record} downstream: an empty list drops it (a filter), one record
   * maps it, several split it. Must not block for long; must not keep the list it returns.
   *
   * @throws ComponentException a {@code RetriableException} to have the record tried again after
   *     a backoff, a {@code PermanentException} to hand it to the stream's error policy
   */
  List<Record> process(Record record) throws ComponentException;

  /** Releases what {@link #start} acquired. Called once, also after a failed start. */
  @Override
  default void close() {}
}
