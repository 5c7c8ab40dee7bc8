package dev.sluice.connectors.kafka;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How the kafka input and output encode record values: {@code json} (JSON documents, as maps,
 * lists and scalars), {@code string} (UTF-8 text) or {@code bytes} (as they are). Keys are
 * encoded the same way whatever the format: text as UTF-8, JSON objects and lists as JSON.
 *
 * <p>The same rules as the topology's own codec for the system cluster, so a stream reads the
 * same records from either cluster. Thread-safe.
 */
enum KafkaFormat {
  JSON,
  STRING,
  BYTES;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** The {@code format} field of the input and output. */
  static ConfigField field() {
    return ConfigField.builder("format", ConfigType.ENUM)
        .choices("json", "string", "bytes")
        .defaultValue("json")
        .doc("How record values are encoded: JSON documents, UTF-8 text, or raw bytes.")
        .build();
  }

  /** The format a validated config names. */
  static KafkaFormat of(Object word) {
    return valueOf(((String) word).toUpperCase(Locale.ROOT));
  }

  /**
   * A value read from Kafka; {@code null} stays {@code null}.
   *
   * @throws IOException when the bytes are not valid in this format
   */
  Object decode(byte[] bytes) throws IOException {
    if (bytes == null) {
      return null;
    }
    return switch (this) {
      case JSON -> MAPPER.readValue(bytes, Object.class);
      case STRING -> new String(bytes, StandardCharsets.UTF_8);
      case BYTES -> bytes;
    };
  }

  /**
   * A value to write to Kafka; {@code null} stays {@code null}.
   *
   * @throws IOException when the value cannot be written in this format (a map as bytes)
   */
  byte[] encode(Object value) throws IOException {
    if (value == null) {
      return null;
    }
    return switch (this) {
      case JSON -> MAPPER.writeValueAsBytes(value);
      case STRING -> value instanceof String s
          ? s.getBytes(StandardCharsets.UTF_8) : MAPPER.writeValueAsBytes(value);
      case BYTES -> {
        if (value instanceof byte[] b) {
          yield b;
        }
        throw new IOException("the bytes format needs raw bytes, got "
            + value.getClass().getSimpleName() + "; use format json or string for structured "
            + "values");
      }
    };
  }

  /** A key: a JSON object or list when the bytes hold one, otherwise UTF-8 text. */
  static Object decodeKey(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (bytes.length > 0 && (bytes[0] == '{' || bytes[0] == '[')) {
      try {
        return MAPPER.readValue(bytes, Object.class);
      } catch (IOException notJson) {
        // text that merely starts like JSON
      }
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * A key, or a header value: text as UTF-8 without quotes, bytes as they are, anything else as
   * JSON.
   *
   * @throws IOException when the key is not JSON-like
   */
  static byte[] encodeKey(Object key) throws IOException {
    if (key == null || key instanceof byte[]) {
      return (byte[]) key;
    }
    return key instanceof String s
        ? s.getBytes(StandardCharsets.UTF_8) : MAPPER.writeValueAsBytes(key);
  }
}
