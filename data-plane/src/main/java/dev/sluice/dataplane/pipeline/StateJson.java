package dev.sluice.dataplane.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * JSON for what stateful operators keep in state stores and hand on through repartition topics:
 * readable with any Kafka tool, and unchanged by a change of Java classes.
 */
final class StateJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StateJson() {}

  /** A serde of {@code type} as JSON. */
  static <T> Serde<T> serde(Class<T> type) {
    return Serdes.serdeFrom((topic, value) -> value == null ? null : write(value),
        (topic, bytes) -> bytes == null ? null : read(bytes, type));
  }

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> T read(byte[] bytes, Class<T> type) {
    try {
      return MAPPER.readValue(bytes, type);
    } catch (IOException e) {
      throw new SerializationException("cannot read " + type.getSimpleName() + " from state: " + e.getMessage(), e);
    }
  }
}
