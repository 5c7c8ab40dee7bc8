package dev.sluice.connectors.dev;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Newline-delimited JSON: one JSON document per line, as the file input reads and the file and
 * stdout outputs write. Values are the JSON-like Java values records carry (maps, lists, strings,
 * numbers, booleans, null; {@code byte[]} is written as base64 text).
 *
 * <p>Thread-safe: the mapper is configured once and only read.
 */
final class Ndjson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Ndjson() {}

  /**
   * Parses one line holding exactly one JSON document.
   *
   * @throws IOException when the text is not one JSON document
   */
  static Object parse(byte[] line) throws IOException {
    return MAPPER.readValue(line, Object.class);
  }

  /**
   * One line: {@code value} as compact JSON followed by {@code \n}. Control characters in strings
   * are escaped, so the line holds no other line break.
   *
   * @throws JsonProcessingException when the value is not JSON-like
   */
  static byte[] line(Object value) throws JsonProcessingException {
    byte[] json = MAPPER.writeValueAsBytes(value);
    byte[] line = new byte[json.length + 1];
    System.arraycopy(json, 0, line, 0, json.length);
    line[json.length] = '\n';
    return line;
  }
}
