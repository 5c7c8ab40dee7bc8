package dev.sluice.examples.processor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;

/**
 * The example's function: upper-cases one text field of a JSON object value, e.g. with field
 * {@code name}, {@code {"name": "ada"}} becomes {@code {"name": "ADA"}}. Values without the field
 * pass unchanged. Thread-safe and free of side effects, as the protocol asks: a batch may be sent
 * twice.
 */
public final class UppercaseFunction {

  /** The config the function takes, as JSON Schema; Describe returns it. */
  public static final String CONFIG_SCHEMA = """
      {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
       "properties": {"field": {"type": "string", "default": "name",
                                "description": "top-level field of the value to upper-case"}},
       "additionalProperties": false}""";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectReader READER = MAPPER.reader();
  private static final ObjectWriter WRITER = MAPPER.writer();

  private final String field;

  /** Upper-cases {@code field}. */
  public UppercaseFunction(String field) {
    this.field = field;
  }

  /**
   * The function a stream's config asks for.
   *
   * @param configJson the processor's config, such as {@code {"field": "name"}}
   * @throws IllegalArgumentException naming the field, the value and the fix
   */
  public static UppercaseFunction fromConfig(String configJson) {
    JsonNode config;
    try {
      config = configJson.isBlank() ? MAPPER.createObjectNode() : READER.readTree(configJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("config: not JSON (" + e.getOriginalMessage()
          + "); write an object such as {\"field\": \"name\"}");
    }
    if (!config.isObject()) {
      throw new IllegalArgumentException("config: " + config + " is not an object; write {\"field\": \"name\"}");
    }
    for (Iterator<String> names = config.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("field")) {
        throw new IllegalArgumentException("config." + name + ": unknown field; the only field is 'field'");
      }
    }
    JsonNode field = config.path("field");
    if (field.isMissingNode()) {
      return new UppercaseFunction("name");
    }
    if (!field.isTextual() || field.asText().isEmpty()) {
      throw new IllegalArgumentException("config.field: " + field
          + " is not a field name; write the name of a text field, e.g. {\"field\": \"name\"}");
    }
    return new UppercaseFunction(field.asText());
  }

  /**
   * The value with the field upper-cased.
   *
   * @param value a JSON document as UTF-8 bytes
   * @throws IllegalArgumentException when the value is not a JSON object or the field is not
   *     text: bad data, which no retry fixes
   */
  public byte[] apply(byte[] value) {
    JsonNode node;
    try {
      node = READER.readTree(value);
    } catch (IOException e) {
      throw new IllegalArgumentException("value is not JSON: " + e.getMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalArgumentException("value " + node + " is not a JSON object; " + field + " needs one");
    }
    JsonNode text = object.get(field);
    if (text == null || text.isNull()) {
      return value;
    }
    if (!text.isTextual()) {
      throw new IllegalArgumentException(
          "field '" + field + "' is " + text + ", not text; only text can be upper-cased");
    }
    object.put(field, text.asText().toUpperCase(Locale.ROOT));
    try {
      return WRITER.writeValueAsBytes(object);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write back a tree just read", e);
    }
  }
}
