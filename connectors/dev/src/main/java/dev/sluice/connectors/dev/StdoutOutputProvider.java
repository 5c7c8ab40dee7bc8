package dev.sluice.connectors.dev;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.SinkConnector;
import dev.sluice.api.component.SinkConnectorProvider;
import dev.sluice.api.config.ConfigSpec;

/** Announces the {@code stdout} output, which prints each record as one JSON line. */
public final class StdoutOutputProvider implements SinkConnectorProvider {

  static final ConfigSpec SPEC =
      ConfigSpec.builder().field(LineFormat.field()).shorthand("format").build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("stdout", ComponentKind.OUTPUT,
        "Prints each record as one JSON line on the worker's standard output.", SPEC);
  }

  @Override
  public SinkConnector create() {
    return new StdoutOutput();
  }
}
