package dev.sluice.connectors.dev;

import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.SinkConnector;
import dev.sluice.api.component.SinkConnectorProvider;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.record.Record;
import java.util.List;

/**
 * Announces the {@code drop} output, which accepts every record and keeps none: for measuring a
 * pipeline without a destination. Records are still counted as delivered.
 */
public final class DropOutputProvider implements SinkConnectorProvider {

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("drop", ComponentKind.OUTPUT,
        "Accepts and discards every record, for measuring a pipeline without a destination.", ConfigSpec.EMPTY);
  }

  @Override
  public SinkConnector create() {
    return new SinkConnector() {
      @Override
      public void start(ComponentContext context) {}

      @Override
      public void write(List<Record> batch) {}

      @Override
      public void close() {}
    };
  }
}
