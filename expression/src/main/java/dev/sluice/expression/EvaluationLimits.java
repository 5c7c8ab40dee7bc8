package dev.sluice.expression;

import java.time.Duration;
import java.util.Objects;

/**
 * How far one evaluation may go before it is stopped.
 *
 * @param timeout how long one evaluation may run
 * @param maxDepth how deeply one evaluation may nest
 */
record EvaluationLimits(Duration timeout, int maxDepth) {

  EvaluationLimits {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be at least 1, got " + maxDepth);
    }
  }
}
