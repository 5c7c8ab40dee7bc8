package dev.sluice.api.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration a component accepts: its fields, in the order docs and forms show them.
 *
 * <p>A spec may name a <em>shorthand</em> field: when a user writes a plain value instead of an
 * object, as in {@code - filter: "type != 'view'"}, the value sets that field, so the line means
 * {@code - filter: {condition: "type != 'view'"}}.
 *
 * @param fields the fields, names unique
 * @param shorthand the name of the field a plain value sets, or {@code null} when the component
 *     only takes an object
 */
public record ConfigSpec(List<ConfigField> fields, String shorthand) {

  /** A spec with no fields, for components that take no configuration. */
  public static final ConfigSpec EMPTY = new ConfigSpec(List.of(), null);

  public ConfigSpec {
    fields = List.copyOf(fields);
    Map<String, ConfigField> byName = new LinkedHashMap<>();
    for (ConfigField f : fields) {
      if (byName.put(f.name(), f) != null) {
        throw new IllegalArgumentException("duplicate config field '" + f.name() + "'");
      }
    }
    if (shorthand != null && !byName.containsKey(shorthand)) {
      throw new IllegalArgumentException("shorthand names no field: '" + shorthand + "'");
    }
  }

  /** The field called {@code name}, if the spec has one. */
  public Optional<ConfigField> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** Starts an empty spec. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ConfigSpec}. */
  public static final class Builder {
    private final List<ConfigField> fields = new ArrayList<>();
    private String shorthand;

    private Builder() {}

    public Builder field(ConfigField field) {
      fields.add(field);
      return this;
    }

    public Builder field(ConfigField.Builder field) {
      return field(field.build());
    }

    /** Lets a plain value stand for the field called {@code name}. */
    public Builder shorthand(String name) {
      this.shorthand = name;
      return this;
    }

    public ConfigSpec build() {
      return new ConfigSpec(fields, shorthand);
    }
  }
}
