package dev.sluice.controlplane.scheduler;

import java.time.Duration;

/**
 * How the {@link Scheduler} runs.
 *
 * @param interval time between passes when nothing pokes the scheduler; 1 s by default
 * @param forgetWorkersAfter how long a worker whose lease lapsed stays listed (and keeps its id for
 *     a restart under the same name) before it is deleted; 1 h by default
 */
public record SchedulerConfig(Duration interval, Duration forgetWorkersAfter) {

  /** Checks that both durations are positive. */
  public SchedulerConfig {
    requirePositive("interval", interval, "1s");
    requirePositive("forgetWorkersAfter", forgetWorkersAfter, "1h");
  }

  /** A pass every second; dead workers forgotten after an hour. */
  public static SchedulerConfig defaults() {
    return new SchedulerConfig(Duration.ofSeconds(1), Duration.ofHours(1));
  }

  private static void requirePositive(String field, Duration value, String example) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("scheduler " + field + ": " + value
          + " is not a positive duration; use for example " + example);
    }
  }
}
