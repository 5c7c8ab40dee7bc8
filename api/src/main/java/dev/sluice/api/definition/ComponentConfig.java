package dev.sluice.api.definition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One component of a stream with its configuration, checked against the component's spec.
 *
 * @param type the component's name, such as {@code kafka} or {@code mapping}
 * @param config the configuration with defaults applied and any shorthand expanded; values are
 *     YAML-native Java values ({@code String}, {@code Long}, {@code Double}, {@code Boolean},
 *     {@code List}, {@code Map}), in the order written
 */
public record ComponentConfig(String type, Map<String, Object> config) {

  public ComponentConfig {
    Objects.requireNonNull(type, "type");
    config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
  }
}
