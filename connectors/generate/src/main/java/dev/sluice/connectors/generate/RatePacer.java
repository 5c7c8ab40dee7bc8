package dev.sluice.connectors.generate;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spaces records evenly at a rate: record k is due {@code k / rate} seconds after the first. After
 * a stall (a slow poll loop, a pause) it catches up at most one second's worth at once, so a
 * generator never bursts far above its rate.
 *
 * <p>Used by one thread: the source's poll loop.
 */
final class RatePacer {

  private static final long MAX_CATCH_UP_NANOS = Duration.ofSeconds(1).toNanos();

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private long nextDue;
  private boolean started;

  /**
   * @param perSecond records per second, more than 0
   * @param nanoTime a monotonic clock in nanoseconds, such as {@link System#nanoTime()}
   */
  RatePacer(double perSecond, LongSupplier nanoTime, Sleeper sleeper) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive, got " + perSecond);
    }
    this.intervalNanos = Math.max(1, Math.round(1e9 / perSecond));
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  /**
   * How many records are due now, at most {@code max}; when none is, waits until the next one is
   * due but no longer than {@code timeout}, and answers again (possibly 0).
   */
  int due(int max, Duration timeout) throws InterruptedException {
    long now = nanoTime.getAsLong();
    if (!started) {
      nextDue = now;
      started = true;
    }
    if (now - nextDue > MAX_CATCH_UP_NANOS) {
      nextDue = now - MAX_CATCH_UP_NANOS;
    }
    if (now - nextDue < 0) {
      sleeper.sleep(Duration.ofNanos(Math.min(nextDue - now, timeout.toNanos())));
      now = nanoTime.getAsLong();
      if (now - nextDue < 0) {
        return 0;
      }
    }
    return (int) Math.min(max, (now - nextDue) / intervalNanos + 1);
  }

  /** Records that {@code count} records went out, moving the next due time on. */
  void emitted(int count) {
    nextDue += count * intervalNanos;
  }
}
