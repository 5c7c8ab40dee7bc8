package dev.sluice.connectors.generate;

import java.time.Duration;
import java.util.function.LongSupplier;

/** A monotonic clock that moves only when something sleeps on it or a test moves it. */
final class FakeTime implements LongSupplier, Sleeper {

  private long nanos = 1_000_000_000L;
  private long slept;

  @Override
  public long getAsLong() {
    return nanos;
  }

  @Override
  public void sleep(Duration duration) {
    nanos += duration.toNanos();
    slept += duration.toNanos();
  }

  void advance(Duration duration) {
    nanos += duration.toNanos();
  }

  /** Everything slept so far. */
  Duration slept() {
    return Duration.ofNanos(slept);
  }
}
