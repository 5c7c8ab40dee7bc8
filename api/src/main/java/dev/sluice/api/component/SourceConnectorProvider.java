package dev.sluice.api.component;

/** A {@link ComponentProvider} of an input that reads from outside Kafka. */
public interface SourceConnectorProvider extends ComponentProvider {

  /** A new, unstarted connector instance. */
  SourceConnector create();
}
