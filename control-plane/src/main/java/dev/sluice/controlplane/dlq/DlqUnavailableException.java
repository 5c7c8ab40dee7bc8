package dev.sluice.controlplane.dlq;

/**
 * The system Kafka cluster did not answer in time while reading or writing dead letters. Nothing
 * was recorded as replayed. The REST layer answers 503.
 */
public final class DlqUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** @param message what did not answer, and what to try */
  public DlqUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
