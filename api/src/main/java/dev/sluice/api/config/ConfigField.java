package dev.sluice.api.config;

import java.util.List;
import java.util.Objects;

/**
 * One field of a component's configuration.
 *
 * <p>Build one with {@link #builder(String, ConfigType)}. Fields are immutable and safe to share.
 *
 * @param name the key users write
 * @param type the value's type
 * @param doc what the field does, one or two sentences, for docs, UI tooltips and errors
 * @param required whether a value must be given; a required field has no default
 * @param defaultValue the value used when none is given, as a YAML-native Java value ({@code
 *     String}, {@code Long}, {@code Double}, {@code Boolean}, {@code List}, {@code Map}), or
 *     {@code null}
 * @param examples example values as users would write them
 * @param secret whether the value is sensitive: never logged, never returned by the API, and
 *     given as a secret reference in documents
 * @param advanced whether UIs may tuck the field away by default
 * @param choices the allowed values of an {@link ConfigType#ENUM} field, otherwise empty
 * @param min the smallest allowed {@link ConfigType#INTEGER}, or {@code null}
 * @param max the largest allowed {@link ConfigType#INTEGER}, or {@code null}
 * @param elementType the type of items of a {@link ConfigType#LIST} or values of a {@link
 *     ConfigType#MAP}, otherwise {@code null}
 * @param nested the spec of an {@link ConfigType#OBJECT} field, or of each item of a list of
 *     objects, otherwise {@code null}
 */
public record ConfigField(
    String name,
    ConfigType type,
    String doc,
    boolean required,
    Object defaultValue,
    List<String> examples,
    boolean secret,
    boolean advanced,
    List<String> choices,
    Long min,
    Long max,
    ConfigType elementType,
    ConfigSpec nested) {

  public ConfigField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(doc, "doc");
    examples = List.copyOf(examples);
    choices = List.copyOf(choices);
    if (required && defaultValue != null) {
      throw new IllegalArgumentException(name + ": a required field cannot have a default");
    }
    if (type == ConfigType.ENUM && choices.isEmpty()) {
      throw new IllegalArgumentException(name + ": an enum field needs choices");
    }
    if ((type == ConfigType.LIST || type == ConfigType.MAP) && elementType == null) {
      throw new IllegalArgumentException(name + ": a " + type + " field needs an element type");
    }
    if ((type == ConfigType.OBJECT || elementType == ConfigType.OBJECT) && nested == null) {
      throw new IllegalArgumentException(name + ": an object field needs a nested spec");
    }
  }

  /** Starts a field called {@code name} of type {@code type}. */
  public static Builder builder(String name, ConfigType type) {
    return new Builder(name, type);
  }

  /** Builds a {@link ConfigField}; every setter returns the builder. */
  public static final class Builder {
    private final String name;
    private final ConfigType type;
    private String doc = "";
    private boolean required;
    private Object defaultValue;
    private List<String> examples = List.of();
    private boolean secret;
    private boolean advanced;
    private List<String> choices = List.of();
    private Long min;
    private Long max;
    private ConfigType elementType;
    private ConfigSpec nested;

    private Builder(String name, ConfigType type) {
      this.name = name;
      this.type = type;
    }

    public Builder doc(String doc) {
      this.doc = doc;
      return this;
    }

    public Builder required() {
      this.required = true;
      return this;
    }

    public Builder defaultValue(Object value) {
      this.defaultValue = value;
      return this;
    }

    public Builder examples(String... examples) {
      this.examples = List.of(examples);
      return this;
    }

    public Builder secret() {
      this.secret = true;
      return this;
    }

    public Builder advanced() {
      this.advanced = true;
      return this;
    }

    public Builder choices(String... choices) {
      this.choices = List.of(choices);
      return this;
    }

    public Builder range(long min, long max) {
      this.min = min;
      this.max = max;
      return this;
    }

    public Builder min(long min) {
      this.min = min;
      return this;
    }

    public Builder elements(ConfigType elementType) {
      this.elementType = elementType;
      return this;
    }

    public Builder nested(ConfigSpec nested) {
      this.nested = nested;
      return this;
    }

    public ConfigField build() {
      return new ConfigField(
          name, type, doc, required, defaultValue, examples, secret, advanced, choices, min, max,
          elementType, nested);
    }
  }
}
