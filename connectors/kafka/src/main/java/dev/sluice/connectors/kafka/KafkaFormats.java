package dev.sluice.connectors.kafka;

import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigType;

/** The record formats the kafka input and output read and write. */
final class KafkaFormats {

  private KafkaFormats() {}

  static ConfigField field() {
    return ConfigField.builder("format", ConfigType.ENUM)
        .choices("json", "string", "bytes")
        .defaultValue("json")
        .doc("How record values are encoded: JSON documents, UTF-8 text, or raw bytes.")
        .build();
  }
}
