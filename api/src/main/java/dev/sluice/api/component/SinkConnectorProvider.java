package dev.sluice.api.component;

/** A {@link ComponentProvider} of an output that writes outside Kafka. */
public interface SinkConnectorProvider extends ComponentProvider {

  /** A new, unstarted connector instance. */
  SinkConnector create();
}
