package dev.sluice.connectors.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * JSON in and out of the connector, as the JSON-like values of a {@code Record}: objects become
 * {@code LinkedHashMap}s, arrays {@code ArrayList}s, numbers {@code Integer}, {@code Long}, {@code
 * BigInteger} or {@code Double}. Jackson's default limits on nesting depth and token sizes apply.
 * Thread-safe.
 */
final class Json {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /** Parses one JSON value from {@code length} bytes at {@code offset}. */
  static Object read(byte[] bytes, int offset, int length) throws IOException {
    return MAPPER.readValue(bytes, offset, length, Object.class);
  }

  /** Writes {@code value} as compact JSON, in UTF-8; {@code byte[]} becomes base64 text. */
  static byte[] write(Object value) throws JsonProcessingException {
    return MAPPER.writeValueAsBytes(value);
  }

  /**
   * Where and why {@code e} failed, such as {@code line 2, column 9: Unexpected character ('}')};
   * {@code lineOffset} is added to the line, for parsers started mid-text.
   */
  static String describe(JsonProcessingException e, int lineOffset) {
    JsonLocation at = e.getLocation();
    String why = e.getOriginalMessage().lines().findFirst().orElse("malformed JSON");
    return at == null ? why
        : "line " + (at.getLineNr() + lineOffset) + ", column " + at.getColumnNr() + ": " + why;
  }
}
