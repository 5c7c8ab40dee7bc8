package dev.sluice.dataplane.pipeline;

import java.time.Duration;
import java.util.Optional;

/**
 * Capped exponential backoff: each wait is twice the one before, up to a ceiling, unless the
 * failure said when to come back (a {@code Retry-After}). Not thread-safe: one per retry loop.
 */
public final class Backoff {

  private final Duration first;
  private final Duration ceiling;
  private Duration next;

  public Backoff(Duration first, Duration ceiling) {
    this.first = first;
    this.ceiling = ceiling;
    this.next = first;
  }

  /** The wait before the next try: {@code hint} when given, else the backoff, which doubles. */
  public Duration next(Optional<Duration> hint) {
    Duration wait = hint.orElse(next);
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(ceiling) <= 0 ? doubled : ceiling;
    return wait;
  }

  /** Starts over after a success. */
  public void reset() {
    next = first;
  }
}
