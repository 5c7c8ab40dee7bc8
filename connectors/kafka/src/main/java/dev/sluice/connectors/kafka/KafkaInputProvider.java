package dev.sluice.connectors.kafka;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.ComponentProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;

/** Announces the {@code kafka} input. */
public final class KafkaInputProvider implements ComponentProvider {

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("topics", ConfigType.LIST)
          .elements(ConfigType.STRING)
          .required()
          .doc("Topics to read.")
          .examples("[orders]"))
      .field(KafkaFormats.field())
      .field(ConfigField.builder("start", ConfigType.ENUM)
          .choices("earliest", "latest")
          .defaultValue("earliest")
          .doc("Where a stream starts reading when it has no committed position yet."))
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("kafka", ComponentKind.INPUT, "Reads records from Kafka topics.", SPEC);
  }
}
