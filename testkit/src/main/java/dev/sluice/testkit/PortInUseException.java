package dev.sluice.testkit;

/**
 * Thrown when an embedded server is asked for a fixed port that another process already holds.
 *
 * <p>Callers such as the {@code sluice dev} command catch it to tell the user which option picks
 * another port; {@link #component()} and {@link #port()} carry what they need for that.
 */
public final class PortInUseException extends IllegalStateException {

  private final String component;
  private final int port;

  PortInUseException(String component, int port, Throwable cause) {
    super(component + " port " + port + " is in use: stop whatever holds it or choose another port", cause);
    this.component = component;
    this.port = port;
  }

  /** What wanted the port, e.g. {@code "Kafka broker"} or {@code "Postgres"}. */
  public String component() {
    return component;
  }

  /** The port that is taken. */
  public int port() {
    return port;
  }
}
