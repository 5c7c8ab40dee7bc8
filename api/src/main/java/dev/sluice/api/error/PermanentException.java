package dev.sluice.api.error;

import java.util.OptionalInt;

/**
 * A failure that will not pass by trying again: bad data, an HTTP 4xx, a schema mismatch, a
 * constraint violation. The record goes to the stream's error policy (fail, drop, retry or
 * dead-letter).
 */
public final class PermanentException extends ComponentException {

  private final int recordIndex;

  public PermanentException(String message, Throwable cause) {
    this(message, cause, -1);
  }

  /**
   * @param recordIndex for a sink's batch, the index of the record that failed; the records before
   *     it count as delivered, the ones after it are written again
   */
  public PermanentException(String message, Throwable cause, int recordIndex) {
    super(message, cause);
    this.recordIndex = recordIndex;
  }

  /** Which record of a batch failed, when the component knows. */
  public OptionalInt recordIndex() {
    return recordIndex < 0 ? OptionalInt.empty() : OptionalInt.of(recordIndex);
  }
}
