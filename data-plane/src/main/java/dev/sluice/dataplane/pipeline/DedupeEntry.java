package dev.sluice.dataplane.pipeline;

import dev.sluice.dataplane.pipeline.DedupeInput.Carried;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The entry after a dedupe's repartition topic: lets a record through only when no record with
 * the same dedupe key was seen within {@code within} of its timestamp (either side, as records may
 * arrive out of order), remembering the keys it lets through in a window store. A duplicate is
 * not an error: it is counted and leaves nothing behind. One per task.
 */
final class DedupeEntry implements SegmentEntry {

  private final String name;
  private final String storeName;
  private final long within;
  private final InstanceCounters counters;
  private WindowStore<Bytes, Long> seen;

  DedupeEntry(String name, Duration within, InstanceCounters counters) {
    this.name = name;
    this.storeName = storeName(name);
    this.within = within.toMillis();
    this.counters = counters;
  }

  /** The store of the dedupe called {@code name}, keeping keys for twice {@code within}. */
  static StoreBuilder<WindowStore<Bytes, Long>> store(String name, Duration within) {
    return Stores.windowStoreBuilder(
        Stores.persistentWindowStore(storeName(name), within.multipliedBy(2), within, false),
        Serdes.Bytes(), Serdes.Long());
  }

  static String storeName(String name) {
    return name + "-store";
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void init(ProcessorContext<?, ?> context) {
    seen = context.getStateStore(storeName);
  }

  @Override
  public dev.sluice.api.record.Record enter(Record<Object, Object> read) {
    Bytes key = Bytes.wrap((byte[]) read.key());
    long time = read.timestamp();
    try (WindowStoreIterator<Long> earlier = seen.fetch(key, Math.max(0, time - within), time + within)) {
      if (earlier.hasNext()) {
        counters.deduplicated.incrementAndGet();
        return null;
      }
    }
    seen.put(key, time, time);
    Carried carried = StateJson.read((byte[]) read.value(), Carried.class);
    return new dev.sluice.api.record.Record(carried.key(), carried.value(), KafkaHeaders.toMap(read.headers()), time);
  }
}
