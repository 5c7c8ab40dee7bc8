package dev.sluice.connectors.http;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A rate limit of {@code perSecond} requests a second, with bursts of up to one second's worth.
 * Thread-safe.
 */
final class TokenBucket {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final long perSecond;
  private final LongSupplier nanoTime;
  private final long nanosPerToken;
  private double tokens;
  private long refilledAt;

  /**
   * @param perSecond requests allowed a second, at least 1
   * @param nanoTime a monotonic clock, such as {@link System#nanoTime()}
   */
  TokenBucket(long perSecond, LongSupplier nanoTime) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("perSecond must be at least 1, got " + perSecond);
    }
    this.perSecond = perSecond;
    this.nanoTime = nanoTime;
    this.nanosPerToken = NANOS_PER_SECOND / perSecond;
    this.tokens = perSecond;
    this.refilledAt = nanoTime.getAsLong();
  }

  /** Takes a token; when there is none, returns how long until there is one. */
  synchronized Duration take() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(perSecond, tokens + (double) (now - refilledAt) / nanosPerToken);
    refilledAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) ((1 - tokens) * nanosPerToken));
  }
}
