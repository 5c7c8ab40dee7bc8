package dev.sluice.dataplane.remote;

import java.time.Duration;

/**
 * How a {@link RemoteProcessor} talks to its plugin.
 *
 * @param batchSize most records per batch sent; a larger list given to {@code process} is split
 * @param maxInFlight most batches sent and not yet delivered; {@code process} blocks beyond it
 * @param callTimeout how long one batch may go unanswered before the stream counts as broken and
 *     every unanswered batch is sent again on a new one
 * @param firstBackoff the first wait before reconnecting or re-sending a transient failure; it
 *     doubles on each further failure
 * @param maxBackoff the ceiling of those waits
 */
public record RemoteProcessorSettings(
    int batchSize, int maxInFlight, Duration callTimeout, Duration firstBackoff, Duration maxBackoff) {

  /** 100 records a batch, 4 batches in flight, 30 s per call, backoff 100 ms doubling to 5 s. */
  public static final RemoteProcessorSettings DEFAULTS = new RemoteProcessorSettings(
      100, 4, Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(5));

  public RemoteProcessorSettings {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize: " + batchSize + " is not allowed; use 1 or more");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight: " + maxInFlight + " is not allowed; use 1 or more");
    }
    if (callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("callTimeout: " + callTimeout + " is not allowed; use a positive duration");
    }
    if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
      throw new IllegalArgumentException("firstBackoff " + firstBackoff + ", maxBackoff " + maxBackoff
          + ": use a non-negative first backoff no larger than the maximum");
    }
  }

  /** These settings with another batch size. */
  public RemoteProcessorSettings withBatchSize(int newBatchSize) {
    return new RemoteProcessorSettings(newBatchSize, maxInFlight, callTimeout, firstBackoff, maxBackoff);
  }

  /** These settings with another number of batches in flight. */
  public RemoteProcessorSettings withMaxInFlight(int newMaxInFlight) {
    return new RemoteProcessorSettings(batchSize, newMaxInFlight, callTimeout, firstBackoff, maxBackoff);
  }
}
