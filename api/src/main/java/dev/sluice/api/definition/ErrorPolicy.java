package dev.sluice.api.definition;

import java.time.Duration;
import java.util.Objects;

/**
 * What a stream does with a record that a stage cannot handle.
 *
 * <p>Transient errors (timeouts, connection loss, 5xx) are always retried per {@link #retry()}.
 * A record that still fails, or fails permanently (bad data, 4xx, schema mismatch), meets the
 * {@link #policy()}. With {@link Action#RETRY} it is retried as well and then meets the {@link
 * #fallback()}.
 *
 * @param policy what happens to a failed record
 * @param retry how failed attempts are retried
 * @param fallback what happens once {@link Action#RETRY} gives up; never {@code RETRY} itself
 */
public record ErrorPolicy(Action policy, Retry retry, Action fallback) {

  public ErrorPolicy {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(fallback, "fallback");
    if (fallback == Action.RETRY) {
      throw new IllegalArgumentException("fallback cannot be retry");
    }
  }

  /** The policy of a stream that says nothing: fail loudly, after the default retries. */
  public static ErrorPolicy defaults() {
    return new ErrorPolicy(Action.FAIL, Retry.defaults(), Action.FAIL);
  }

  /** What happens to a record that cannot be handled. */
  public enum Action implements Named {
    /** Stop the instance; its status says which record failed where, and why. */
    FAIL("fail"),
    /** Skip the record and count it. */
    DROP("drop"),
    /** Retry with backoff, then apply the fallback. */
    RETRY("retry"),
    /** Write the record to the stream's dead-letter topic with headers that say why. */
    DEAD_LETTER("dead-letter");

    private final String word;

    Action(String word) {
      this.word = word;
    }

    @Override
    public String word() {
      return word;
    }
  }

  /**
   * Retry schedule: exponential backoff from {@code backoff}, doubled per attempt up to {@code
   * maxBackoff}, for at most {@code max} attempts after the first.
   */
  public record Retry(int max, Duration backoff, Duration maxBackoff) {

    public Retry {
      Objects.requireNonNull(backoff, "backoff");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
    }

    /** Three retries from 1 s, at most 30 s apart. */
    public static Retry defaults() {
      return new Retry(3, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }
  }
}
