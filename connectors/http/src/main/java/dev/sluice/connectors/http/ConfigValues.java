package dev.sluice.connectors.http;

import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of a config that was validated against {@code spec}: values already have their
 * declared types, and a field left out reads as the spec's default. Used once, at start, to build
 * each component's config record.
 *
 * @param config the config as the context hands it over
 * @param spec the spec it was validated against
 */
record ConfigValues(Map<String, Object> config, ConfigSpec spec) {

  /** The defaults of {@code spec}'s fields, for the default of an object field. */
  static Map<String, Object> defaults(ConfigSpec spec) {
    Map<String, Object> defaults = new LinkedHashMap<>();
    spec.fields().stream().filter(f -> f.defaultValue() != null)
        .forEach(f -> defaults.put(f.name(), f.defaultValue()));
    return Map.copyOf(defaults);
  }

  /** The value of {@code name}, or its default, or null. */
  Object value(String name) {
    Object value = config.get(name);
    if (value != null) {
      return value;
    }
    return spec.field(name).map(ConfigField::defaultValue).orElse(null);
  }

  /** A string field, or null when unset without a default. */
  String string(String name) {
    Object value = value(name);
    return value == null ? null : value.toString();
  }

  /** An integer field; 0 when unset without a default. */
  long integer(String name) {
    return value(name) instanceof Number n ? n.longValue() : 0;
  }

  boolean bool(String name) {
    return Boolean.TRUE.equals(value(name));
  }

  /** A duration field, or null when unset without a default. */
  Duration duration(String name) {
    String text = string(name);
    return text == null ? null : Durations.parse(text).orElseThrow(
        () -> new IllegalArgumentException(name + " is not a duration: " + text));
  }

  /** A map of strings; empty when unset. */
  Map<String, String> strings(String name) {
    Map<String, String> strings = new LinkedHashMap<>();
    if (value(name) instanceof Map<?, ?> map) {
      map.forEach((k, v) -> strings.put(String.valueOf(k), String.valueOf(v)));
    }
    return strings;
  }

  /** A list of strings; empty when unset. */
  List<String> list(String name) {
    return value(name) instanceof List<?> list ? list.stream().map(String::valueOf).toList()
        : List.of();
  }

  /** The object field {@code name}, read against its nested spec. */
  @SuppressWarnings("unchecked")
  ConfigValues nested(String name) {
    ConfigSpec nested = spec.field(name).map(ConfigField::nested).orElse(ConfigSpec.EMPTY);
    Object value = value(name);
    return new ConfigValues(value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of(),
        nested);
  }
}
