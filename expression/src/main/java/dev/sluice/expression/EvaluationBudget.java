package dev.sluice.expression;

import com.dashjoin.jsonata.Jsonata.EntryCallback;
import com.dashjoin.jsonata.Jsonata.ExitCallback;
import com.dashjoin.jsonata.Jsonata.Frame;
import com.dashjoin.jsonata.Parser.Symbol;

/**
 * Stops one evaluation that nests too deeply or runs too long.
 *
 * <p>The evaluator calls {@link #callback(Symbol, Object, Frame)} on entering and {@link
 * #callback(Symbol, Object, Frame, Object)} on leaving every node of the expression. The depth is
 * checked on every entry, the time on every {@value #CLOCK_CHECK_INTERVAL}th: reading the clock at
 * every node (as the library's own {@code Timebox} does) would cost more than evaluating a simple
 * node. A built-in function that runs long on its own (a sort of a huge array) is not interrupted.
 *
 * <p>One instance per evaluation, used by the thread that evaluates; not thread-safe.
 */
final class EvaluationBudget implements EntryCallback, ExitCallback {

  private static final int CLOCK_CHECK_INTERVAL = 64;

  private final EvaluationLimits limits;
  private final long deadline;
  private int depth;
  private int entries;

  EvaluationBudget(EvaluationLimits limits) {
    this.limits = limits;
    this.deadline = System.nanoTime() + limits.timeout().toNanos();
  }

  /** Binds this budget's callbacks into {@code frame}, the frame an evaluation starts from. */
  void guard(Frame frame) {
    frame.setEvaluateEntryCallback(this);
    frame.setEvaluateExitCallback(this);
  }

  @Override
  public void callback(Symbol expr, Object input, Frame environment) {
    if (++depth > limits.maxDepth()) {
      throw new Exceeded("the expression nests deeper than " + limits.maxDepth()
          + " levels, which usually means a recursive function that does not stop; "
          + "check its end condition");
    }
    if (++entries % CLOCK_CHECK_INTERVAL == 0 && System.nanoTime() - deadline > 0) {
      throw new Exceeded("the expression ran longer than " + limits.timeout().toMillis()
          + " ms, which usually means a loop that does not stop; check its end condition");
    }
  }

  @Override
  public void callback(Symbol expr, Object input, Frame environment, Object result) {
    depth--;
  }

  /** An evaluation went over its budget. */
  static final class Exceeded extends RuntimeException {

    private static final long serialVersionUID = 1L;

    Exceeded(String message) {
      super(message, null, false, false);
    }
  }
}
