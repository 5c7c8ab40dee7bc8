package dev.sluice.dataplane.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How record keys and values are encoded on Kafka: {@code json} (JSON documents, decoded into
 * maps, lists and scalars), {@code string} (UTF-8 text) or {@code bytes} (left as they are).
 */
public enum RecordFormat {
  JSON,
  STRING,
  BYTES;

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  // Built once: the mapper's readValue and writeValueAsBytes look the type and its (de)serializer
  // up again on every record.
  private static final ObjectReader READER = MAPPER.readerFor(Object.class);
  private static final ObjectWriter WRITER = MAPPER.writer();

  /** The format named in a config, such as {@code json}. */
  public static RecordFormat of(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT));
  }

  /**
   * Decodes bytes from Kafka; {@code null} stays {@code null}.
   *
   * @throws IOException when the bytes are not valid in this format
   */
  public Object decode(byte[] bytes) throws IOException {
    if (bytes == null) {
      return null;
    }
    return switch (this) {
      case JSON -> READER.readValue(bytes);
      case STRING -> new String(bytes, StandardCharsets.UTF_8);
      case BYTES -> bytes;
    };
  }

  /**
   * Encodes a value for Kafka; {@code null} stays {@code null}.
   *
   * @throws IOException when the value cannot be written in this format (say, a map as bytes)
   */
  public byte[] encode(Object value) throws IOException {
    if (value == null) {
      return null;
    }
    return switch (this) {
      case JSON -> json(value);
      case STRING -> value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : json(value);
      case BYTES -> {
        if (value instanceof byte[] b) {
          yield b;
        }
        throw new IOException("the bytes format needs raw bytes, got " + value.getClass().getSimpleName()
            + "; use format json or string for structured values");
      }
    };
  }

  /**
   * Decodes a key: a JSON object or array when the bytes hold one, otherwise UTF-8 text, because
   * keys written by other tools are usually plain strings. Checking the first byte keeps the
   * common case (text keys) free of a failed JSON parse per record, and text keys come back out
   * as the very same bytes.
   */
  public static Object decodeKey(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (bytes.length > 0 && (bytes[0] == '{' || bytes[0] == '[')) {
      try {
        return JSON.decode(bytes);
      } catch (IOException notJson) {
        // text that merely starts like JSON
      }
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Encodes a key: text as UTF-8 without quotes, bytes as they are, anything else as JSON. */
  public static byte[] encodeKey(Object key) throws IOException {
    if (key == null || key instanceof byte[]) {
      return (byte[]) key;
    }
    return key instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : json(key);
  }

  private static byte[] json(Object value) throws JsonProcessingException {
    return WRITER.writeValueAsBytes(value);
  }
}
