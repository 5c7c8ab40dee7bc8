package dev.sluice.processors.transform;

import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.Processor;
import dev.sluice.api.config.Durations;
import dev.sluice.api.record.Record;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The {@code rate_limit} processor: a token bucket per instance holding {@code count / instances}
 * tokens, refilled evenly over {@code interval}. A record takes a token, waiting on the processing
 * thread for one when there is none, so the stream slows down rather than drops anything.
 *
 * <p>Used by one thread, as {@link Processor} says.
 */
final class RateLimitProcessor implements Processor {

  /** Waits; a test waits in simulated time. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private double capacity;
  private double tokens;
  private double nanosPerToken;
  private long refilled;

  RateLimitProcessor(LongSupplier nanoTime, Sleeper sleeper) {
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  static void sleep(long nanos) throws InterruptedException {
    Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
  }

  @Override
  public void start(ComponentContext context) {
    long count = ((Number) context.config().get("count")).longValue();
    long interval = Durations.parse((String) context.config().get("interval")).orElseThrow().toNanos();
    capacity = Math.max(1.0, (double) count / context.instances());
    nanosPerToken = interval / capacity;
    tokens = capacity;
    refilled = nanoTime.getAsLong();
  }

  @Override
  public List<Record> process(Record record) {
    refill();
    if (tokens < 1) {
      try {
        sleeper.sleep((long) Math.ceil((1 - tokens) * nanosPerToken));
      } catch (InterruptedException e) {
        // The instance is stopping: let the record through rather than lose it.
        Thread.currentThread().interrupt();
      }
      refill();
    }
    tokens = Math.max(0, tokens - 1);
    return List.of(record);
  }

  private void refill() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(capacity, tokens + (now - refilled) / nanosPerToken);
    refilled = now;
  }
}
