package dev.sluice.dataplane.pipeline;

import dev.sluice.api.definition.ErrorPolicy;
import dev.sluice.api.definition.ErrorPolicy.Action;
import dev.sluice.api.error.RetriableException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one stage's work on one record under the stream's error policy.
 *
 * <p>A {@link RetriableException} is tried again up to {@code retry.max} times with exponential
 * backoff (honouring the exception's hint). Any other failure is permanent and tried again only
 * under policy {@code retry}. When tries run out, the policy (or, for {@code retry}, its fallback)
 * decides: {@code fail} throws {@link StageFailedException}, {@code drop} and {@code dead-letter}
 * return the matching {@link Outcome}.
 */
public final class ErrorPolicyRunner {

  private static final Logger log = LoggerFactory.getLogger(ErrorPolicyRunner.class);

  /** The work of a stage; may throw anything. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws Exception;
  }

  /** What became of the record. */
  public sealed interface Outcome<T> {
    /** The stage succeeded with this result. */
    record Done<T>(T value) implements Outcome<T> {}

    /** The policy dropped the record. */
    record Dropped<T>(Exception error) implements Outcome<T> {}

    /** The policy dead-letters the record. */
    record DeadLetter<T>(Exception error) implements Outcome<T> {}
  }

  private final ErrorPolicy policy;
  private final Sleeper sleeper;

  public ErrorPolicyRunner(ErrorPolicy policy, Sleeper sleeper) {
    this.policy = policy;
    this.sleeper = sleeper;
  }

  /**
   * The outcome of {@code work} on the record read at {@code source}, by stage {@code stage}.
   *
   * @throws StageFailedException when the policy fails the stream
   */
  public <T> Outcome<T> run(String stage, RecordSource source, Work<T> work) {
    int attempt = 0;
    Backoff backoff = new Backoff(policy.retry().backoff(), policy.retry().maxBackoff());
    while (true) {
      try {
        return new Outcome.Done<>(work.run());
      } catch (Exception error) {
        boolean retriable = error instanceof RetriableException;
        boolean mayRetry = retriable || policy.policy() == Action.RETRY;
        if (!mayRetry || attempt >= policy.retry().max()) {
          return giveUp(stage, source, error);
        }
        attempt++;
        Duration wait = backoff.next(retriable
            ? ((RetriableException) error).backoffHint() : Optional.empty());
        log.debug("stage {} failed on {} (try {}), retrying in {}: {}", stage, source, attempt, wait, error.toString());
        pause(wait, stage, source, error);
      }
    }
  }

  private <T> Outcome<T> giveUp(String stage, RecordSource source, Exception error) {
    Action action = policy.policy() == Action.RETRY ? policy.fallback() : policy.policy();
    return switch (action) {
      case DROP -> new Outcome.Dropped<>(error);
      case DEAD_LETTER -> new Outcome.DeadLetter<>(error);
      case FAIL, RETRY -> throw new StageFailedException(stage, source, error);
    };
  }

  private void pause(Duration wait, String stage, RecordSource source, Exception error) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StageFailedException(stage, source, error);
    }
  }

}
