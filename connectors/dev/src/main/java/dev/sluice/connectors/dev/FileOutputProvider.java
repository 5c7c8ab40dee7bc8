package dev.sluice.connectors.dev;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.SinkConnector;
import dev.sluice.api.component.SinkConnectorProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;

/** Announces the {@code file} output, which appends records to a newline-delimited JSON file. */
public final class FileOutputProvider implements SinkConnectorProvider {

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("path", ConfigType.STRING)
          .required()
          .doc("The file to append to, created with its directories when missing; relative to "
              + "the worker's file directory (setting file.root), or absolute inside it.")
          .examples("out/orders.ndjson"))
      .field(LineFormat.field())
      .shorthand("path")
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("file", ComponentKind.OUTPUT,
        "Appends each record as one JSON line to a file, synced to disk before it counts as "
            + "delivered.", SPEC);
  }

  @Override
  public SinkConnector create() {
    return new FileOutput();
  }
}
