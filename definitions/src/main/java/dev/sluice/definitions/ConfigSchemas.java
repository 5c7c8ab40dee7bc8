package dev.sluice.definitions;

import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON Schema (draft 2020-12) of a component's config, generated from its {@link ConfigSpec}: what
 * the REST plugin catalogue serves and the web UI builds its forms from. Extensions: {@code
 * x-sluice-type} (the spec type, such as {@code duration} or {@code expression}), {@code
 * x-advanced}, and {@code x-shorthand} on the object (the field a plain value stands for).
 */
public final class ConfigSchemas {

  private static final String DURATION_PATTERN = "^(\\d+(ms|s|m|h|d)|P.*)$";

  private ConfigSchemas() {}

  /** The schema of a config written as an object. */
  public static Map<String, Object> of(ConfigSpec spec) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    for (ConfigField field : spec.fields()) {
      properties.put(field.name(), field(field));
      if (field.required()) {
        required.add(field.name());
      }
    }
    schema.put("properties", properties);
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    schema.put("additionalProperties", false);
    if (spec.shorthand() != null) {
      schema.put("x-shorthand", spec.shorthand());
    }
    return schema;
  }

  private static Map<String, Object> field(ConfigField field) {
    Map<String, Object> schema = type(field.type(), field);
    schema.put("description", field.doc());
    if (field.defaultValue() != null) {
      schema.put("default", field.defaultValue());
    }
    if (!field.examples().isEmpty()) {
      schema.put("examples", field.examples());
    }
    if (field.secret()) {
      schema.put("writeOnly", true);
    }
    if (field.advanced()) {
      schema.put("x-advanced", true);
    }
    return schema;
  }

  private static Map<String, Object> type(ConfigType type, ConfigField field) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("x-sluice-type", type.name().toLowerCase(Locale.ROOT));
    switch (type) {
      case STRING, EXPRESSION -> schema.put("type", "string");
      case DURATION -> {
        schema.put("type", "string");
        schema.put("pattern", DURATION_PATTERN);
      }
      case ENUM -> {
        schema.put("type", "string");
        schema.put("enum", field.choices());
      }
      case INTEGER -> {
        schema.put("type", "integer");
        if (field.min() != null) {
          schema.put("minimum", field.min());
        }
        if (field.max() != null) {
          schema.put("maximum", field.max());
        }
      }
      case NUMBER -> schema.put("type", "number");
      case BOOLEAN -> schema.put("type", "boolean");
      case OBJECT -> schema.putAll(of(field.nested()));
      case LIST -> {
        schema.put("type", "array");
        schema.put("items", element(field));
      }
      case MAP -> {
        schema.put("type", "object");
        schema.put("additionalProperties", element(field));
      }
      case ANY -> { } // no constraint: what the value means is up to its reader
    }
    return schema;
  }

  private static Map<String, Object> element(ConfigField field) {
    return field.elementType() == ConfigType.OBJECT ? of(field.nested()) : type(field.elementType(), field);
  }
}
