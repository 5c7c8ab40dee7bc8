package dev.sluice.connectors.kafka;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.ComponentProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;

/** Announces the {@code kafka} output. */
public final class KafkaOutputProvider implements ComponentProvider {

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("topic", ConfigType.STRING)
          .required()
          .doc("Topic to write to.")
          .examples("orders-large"))
      .field(KafkaFormats.field())
      .field(ConfigField.builder("key", ConfigType.EXPRESSION)
          .doc("Expression for each record's key; unset: keep the key the record has.")
          .examples("customer.id"))
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("kafka", ComponentKind.OUTPUT, "Writes records to a Kafka topic.", SPEC);
  }
}
