package dev.sluice.dataplane.pipeline;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The entry after a window: turns each result Kafka Streams emits (a window of a key and its
 * {@link WindowState}) into a record keyed by the window's key, whose value is {@code {"key": ...,
 * "windowStart": ..., "windowEnd": ...}} followed by the result fields. Results on the window's
 * values are evaluated here, under the error policy. Thread-safe when the expressions are.
 */
final class WindowResultEntry implements SegmentEntry {

  private final String name;
  private final List<Aggregate> aggregates;

  WindowResultEntry(String name, WindowConfig config) {
    this.name = name;
    this.aggregates = config.aggregates();
  }

  @Override
  public String name() {
    return name;
  }

  /** The result of the window, or {@code null} for a session merged into a longer one. */
  @Override
  public dev.sluice.api.record.Record enter(Record<Object, Object> read) throws Exception {
    if (read.value() == null) {
      return null;
    }
    Windowed<?> window = (Windowed<?>) read.key();
    Object key = RecordFormat.decodeKey((byte[]) window.key());
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("key", key);
    value.put("windowStart", Instant.ofEpochMilli(window.window().start()).toString());
    value.put("windowEnd", Instant.ofEpochMilli(window.window().end()).toString());
    value.putAll(((WindowState) read.value()).results(aggregates));
    return new dev.sluice.api.record.Record(key, value, Map.of(), read.timestamp());
  }

  @Override
  public Record<Object, Object> asBytes(Record<Object, Object> read) {
    Windowed<?> window = (Windowed<?>) read.key();
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("windowStart", Instant.ofEpochMilli(window.window().start()).toString());
    value.put("windowEnd", Instant.ofEpochMilli(window.window().end()).toString());
    value.put("state", read.value());
    return read.withKey((Object) window.key()).withValue(StateJson.write(value));
  }
}
