package dev.sluice.connectors.generate;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.SourceConnector;
import dev.sluice.api.component.SourceConnectorProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;

/** Announces the {@code generate} input and creates its sources. */
public final class GenerateInputProvider implements SourceConnectorProvider {

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("template", ConfigType.EXPRESSION)
          .required()
          .doc("JSONata expression that builds each record's value; $seq is the record's sequence "
              + "number, from 0, unique across the stream's instances.")
          .examples("{\"id\": $seq, \"amount\": $round($random() * 100, 2)}"))
      .field(ConfigField.builder("count", ConfigType.INTEGER)
          .min(1)
          .doc("Stop after this many records in all (seq 0 to count - 1); the stream then "
              + "completes. Unset: never stop."))
      .field(ConfigField.builder("rate", ConfigType.INTEGER)
          .range(0, 1_000_000)
          .defaultValue(10L)
          .doc("Records per second across all instances; 0 means as fast as possible."))
      .field(ConfigField.builder("key", ConfigType.EXPRESSION)
          .doc("JSONata expression evaluated on each generated value (with $seq) for the record's "
              + "key; unset: records have no key.")
          .examples("customer", "$string($seq % 10)"))
      .shorthand("template")
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("generate", ComponentKind.INPUT,
        "Generates records from a template, at a rate or up to a count.", SPEC);
  }

  @Override
  public SourceConnector create() {
    return new GenerateSource();
  }
}
