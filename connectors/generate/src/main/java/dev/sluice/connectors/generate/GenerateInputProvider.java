package dev.sluice.connectors.generate;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.ComponentProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;

/** Announces the {@code generate} input. */
public final class GenerateInputProvider implements ComponentProvider {

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("template", ConfigType.EXPRESSION)
          .required()
          .doc("Expression that builds each record; $seq is the record's sequence number, from 0.")
          .examples("{\"id\": $seq, \"amount\": $round($random() * 100, 2)}"))
      .field(ConfigField.builder("count", ConfigType.INTEGER)
          .min(1)
          .doc("Stop after this many records; the stream then completes. Unset: never stop."))
      .field(ConfigField.builder("rate", ConfigType.INTEGER)
          .range(0, 1_000_000)
          .defaultValue(10L)
          .doc("Records per second across all instances; 0 means as fast as possible."))
      .field(ConfigField.builder("key", ConfigType.EXPRESSION)
          .doc("Expression for each record's key; unset: records have no key.")
          .examples("$string($seq % 10)"))
      .shorthand("template")
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor(
        "generate", ComponentKind.INPUT, "Generates records from a template, at a rate or up to a count.", SPEC);
  }
}
