package dev.sluice.dataplane.connect;

import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.dataplane.pipeline.Backoff;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a connector again after each {@link RetriableException}, with backoff, for as long as the
 * failure lasts or until its runner closes; waits end at once when the runner closes.
 */
final class Retrying {

  private static final Logger log = LoggerFactory.getLogger(Retrying.class);

  /** One call to a connector. */
  interface Call<T> {
    T run() throws ComponentException;
  }

  private final CountDownLatch closing;
  private final String what;

  /**
   * @param closing counted down when the runner closes
   * @param what names the connector in log lines, such as {@code output of ns/name}
   */
  Retrying(CountDownLatch closing, String what) {
    this.closing = closing;
    this.what = what;
  }

  /**
   * The call's result once it succeeds, or empty when the runner closed first. Errors other than
   * retriable ones reach the caller at once.
   */
  <T> Optional<T> call(Backoff backoff, Call<T> call) throws ComponentException, InterruptedException {
    while (isOpen()) {
      try {
        return Optional.of(call.run());
      } catch (RetriableException e) {
        Duration wait = backoff.next(e.backoffHint());
        log.warn("{} failed ({}); trying again in {}", what, e.getMessage(), wait);
        pause(wait);
      }
    }
    return Optional.empty();
  }

  /** Waits {@code wait}, or less when the runner closes meanwhile. */
  void pause(Duration wait) throws InterruptedException {
    closing.await(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean isOpen() {
    return closing.getCount() > 0;
  }
}
