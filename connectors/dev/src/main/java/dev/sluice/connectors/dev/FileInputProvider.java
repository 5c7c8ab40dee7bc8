package dev.sluice.connectors.dev;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.SourceConnector;
import dev.sluice.api.component.SourceConnectorProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;

/** Announces the {@code file} input, which reads a newline-delimited JSON file. */
public final class FileInputProvider implements SourceConnectorProvider {

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("path", ConfigType.STRING)
          .required()
          .doc("The file to read, one record per line; relative to the worker's file directory "
              + "(setting file.root), or absolute inside it.")
          .examples("orders.ndjson"))
      .field(ConfigField.builder("follow", ConfigType.BOOLEAN)
          .defaultValue(false)
          .doc("Keep reading lines appended to the file, like tail -f. Off: the stream completes "
              + "once the file is read to its end."))
      .field(ConfigField.builder("format", ConfigType.ENUM)
          .choices("json", "string")
          .defaultValue("json")
          .doc("How each line is read: as one JSON document, or as a text value as it is."))
      .shorthand("path")
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("file", ComponentKind.INPUT,
        "Reads records from a newline-delimited JSON file, optionally following appends.", SPEC);
  }

  @Override
  public SourceConnector create() {
    return new FileSource();
  }
}
