package dev.sluice.api.record;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record in a stream.
 *
 * <p>Keys and values are JSON-like Java values, as the stream's format decodes them: {@code null},
 * {@link String}, {@link Number}, {@link Boolean}, {@code List<Object>} and {@code Map<String,
 * Object>}; with the {@code bytes} format they are {@code byte[]}. Processors receive and return
 * such values, so no stage re-parses what the previous one built.
 *
 * @param key the record's key; records with equal keys keep their order
 * @param value the record's value
 * @param headers Kafka-style headers, in order; values are raw bytes
 * @param timestamp event time in milliseconds since the epoch
 */
public record Record(Object key, Object value, Map<String, byte[]> headers, long timestamp) {

  public Record {
    // Most records have no headers and every stage makes a new record: don't copy nothing.
    headers = headers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** A record with no key and no headers. */
  public static Record of(Object value, long timestamp) {
    return new Record(null, value, Map.of(), timestamp);
  }

  /** This record with another value. */
  public Record withValue(Object newValue) {
    return new Record(key, newValue, headers, timestamp);
  }

  /** This record with another key. */
  public Record withKey(Object newKey) {
    return new Record(newKey, value, headers, timestamp);
  }
}
