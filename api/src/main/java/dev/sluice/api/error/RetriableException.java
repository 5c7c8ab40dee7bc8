package dev.sluice.api.error;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may pass if tried again: a timeout, a lost connection, an HTTP 5xx, a 429. Sluice
 * retries the same record or batch with exponential backoff, honouring {@link #backoffHint()}.
 */
public final class RetriableException extends ComponentException {

  private final Duration backoffHint;

  public RetriableException(String message, Throwable cause) {
    this(message, cause, null);
  }

  /**
   * @param backoffHint how long to wait at least before the next try (for example an HTTP
   *     Retry-After), or {@code null}
   */
  public RetriableException(String message, Throwable cause, Duration backoffHint) {
    super(message, cause);
    this.backoffHint = backoffHint;
  }

  public Optional<Duration> backoffHint() {
    return Optional.ofNullable(backoffHint);
  }
}
