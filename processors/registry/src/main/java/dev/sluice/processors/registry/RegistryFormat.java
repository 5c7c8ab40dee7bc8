package dev.sluice.processors.registry;

import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigType;
import java.util.Arrays;
import java.util.Locale;

/**
 * The schema language of the values a processor reads or writes, each through Apicurio's serde
 * for it: Avro, JSON Schema or Protobuf.
 */
enum RegistryFormat {
  /** Avro binary, with an Avro schema (Apicurio artifact type AVRO). */
  AVRO("Avro"),
  /** JSON text, validated against a JSON Schema (artifact type JSON). */
  JSON("JSON Schema"),
  /** Protobuf binary with the message name in front, with a .proto schema (artifact type PROTOBUF). */
  PROTOBUF("Protobuf");

  static final String FIELD = "format";

  private final String title;

  RegistryFormat(String title) {
    this.title = title;
  }

  /** How the config writes it: {@code avro}, {@code json}, {@code protobuf}. */
  String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** How messages name it: {@code Avro}, {@code JSON Schema}, {@code Protobuf}. */
  String title() {
    return title;
  }

  /** The {@code format} of a config that passed its spec; {@code avro} when unset. */
  static RegistryFormat of(Object word) {
    return word == null ? AVRO : valueOf(String.valueOf(word).toUpperCase(Locale.ROOT));
  }

  /** The {@code format} field; {@code doc} says what it means for the processor. */
  static ConfigField field(String doc) {
    return ConfigField.builder(FIELD, ConfigType.ENUM)
        .choices(Arrays.stream(values()).map(RegistryFormat::word).toArray(String[]::new))
        .defaultValue(AVRO.word())
        .doc(doc)
        .build();
  }
}
