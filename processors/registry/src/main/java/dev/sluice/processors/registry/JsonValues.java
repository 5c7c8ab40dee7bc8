package dev.sluice.processors.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * Moves values between the JSON-like form records carry ({@code Map}, {@code List}, strings,
 * numbers, booleans, null) and the JSON trees and text that the JSON Schema and Protobuf serdes
 * work with. Stateless and thread-safe.
 */
final class JsonValues {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonValues() {}

  /** The JSON tree of a JSON-like value. */
  static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** The JSON-like value of a tree: objects in field order, whole numbers as int or long. */
  static Object value(JsonNode tree) {
    return MAPPER.convertValue(tree, Object.class);
  }

  /** The JSON-like value of JSON text. */
  static Object parse(String text) {
    try {
      return MAPPER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON text of a JSON-like value. */
  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
