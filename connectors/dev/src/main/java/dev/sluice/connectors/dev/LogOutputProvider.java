package dev.sluice.connectors.dev;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.SinkConnector;
import dev.sluice.api.component.SinkConnectorProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;

/** Announces the {@code log} output. */
public final class LogOutputProvider implements SinkConnectorProvider {

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("level", ConfigType.ENUM)
          .choices("info", "debug", "warn")
          .defaultValue("info")
          .doc("Log level of the lines written, one per record."))
      .field(ConfigField.builder("every", ConfigType.INTEGER)
          .min(1)
          .defaultValue(1L)
          .doc("Log one record in this many, to keep busy streams readable; the others are still counted."))
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("log", ComponentKind.OUTPUT,
        "Writes each record to the worker's log, for trying streams out.", SPEC);
  }

  @Override
  public SinkConnector create() {
    return new LogOutput();
  }
}
