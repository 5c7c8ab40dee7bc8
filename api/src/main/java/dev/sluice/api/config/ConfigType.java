package dev.sluice.api.config;

/** The type of one config field, as users write it in YAML or JSON. */
public enum ConfigType {
  /** Text. */
  STRING("a string"),
  /** A whole number, optionally bounded by {@link ConfigField#min()} and {@link ConfigField#max()}. */
  INTEGER("an integer"),
  /** Any number. */
  NUMBER("a number"),
  /** {@code true} or {@code false}. */
  BOOLEAN("true or false"),
  /** A span of time such as {@code 250ms}, {@code 5s}, {@code 1m}; see {@link Durations}. */
  DURATION("a duration such as 500ms, 5s or 1m"),
  /** One of the field's {@link ConfigField#choices()}. */
  ENUM("one of the listed values"),
  /** An expression in Sluice's expression language, kept as its source text. */
  EXPRESSION("an expression"),
  /** A list whose items have the field's {@link ConfigField#elementType()}. */
  LIST("a list"),
  /** A map from string keys to values of the field's {@link ConfigField#elementType()}. */
  MAP("a map"),
  /** A nested object described by the field's {@link ConfigField#nested()} spec. */
  OBJECT("an object"),
  /**
   * Any YAML/JSON value, taken as written: for configuration another program checks, such as the
   * config an out-of-process processor plugin receives.
   */
  ANY("any value");

  private final String description;

  ConfigType(String description) {
    this.description = description;
  }

  /** How the type reads in an error message: "an integer", "a duration such as ...". */
  public String description() {
    return description;
  }
}
