package dev.sluice.expression;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.Frame;
import dev.sluice.api.expression.Expression;
import dev.sluice.api.expression.ExpressionException;
import java.time.Clock;
import java.util.Map;

/**
 * One compiled JSONata expression.
 *
 * <p>Thread safety: jsonata-java's compiled {@link Jsonata} is safe to evaluate from many threads
 * only when every evaluation passes its own {@link Frame}. Without one, {@code evaluate} binds the
 * input (the root, {@code $$}) in the frame shared by all callers, and concurrent evaluations read
 * each other's records through {@code $$}. So every call here makes a fresh frame holding the
 * variables and the evaluation's budget; the library then evaluates on a per-thread copy of its
 * own scratch state. The {@link Jsonata} object is not changed after construction.
 *
 * <p>Speed: most mappings and filters are field paths, comparisons, arithmetic and object
 * constructors. For those, {@link DirectParser} builds the same expression as plain Java, which
 * reads the record's map directly, an order of magnitude faster than the library's evaluator with
 * its frames and callbacks (ADR 0003, addendum); it hands every case it does not reproduce exactly
 * (arrays, type errors) to the library. Both give the same results ({@code DirectExpressionTest}).
 */
final class JsonataExpression implements Expression {

  private final String source;
  private final Jsonata compiled;
  private final Clock clock;
  private final EvaluationLimits limits;
  private final DirectNode direct;

  /**
   * @param direct the same expression as plain Java (see {@link DirectParser}), tried first on an
   *     object input; null when the expression has none
   */
  JsonataExpression(String source, Jsonata compiled, Clock clock, EvaluationLimits limits, DirectNode direct) {
    this.source = source;
    this.compiled = compiled;
    this.clock = clock;
    this.limits = limits;
    this.direct = direct;
    // Null handling is done by JsonValues, in the same pass that checks the result.
    compiled.setOutputConvertNulls(false);
    EvaluationTime.install(compiled);
  }

  /**
   * Evaluates against {@code input}.
   *
   * @param variables values visible as {@code $name}; keys are the names without {@code $}
   * @throws ExpressionException when the input is not JSON-like, the expression fails on it (a
   *     type error, an unknown function), gives a non-JSON result (a function), or goes over its
   *     depth or time budget
   */
  @Override
  public Object evaluate(Object input, Map<String, Object> variables) throws ExpressionException {
    if (direct != null && input instanceof Map<?, ?> record) {
      try {
        return DirectOperators.recordValue(direct.evaluate(record));
      } catch (DirectNode.Defer e) {
        // outside the direct path for this record: evaluated by the library below
      }
    }
    Frame frame = compiled.createFrame();
    variables.forEach(frame::bind);
    new EvaluationBudget(limits).guard(frame);
    EvaluationTime.begin(clock);
    Object result;
    try {
      result = compiled.evaluate(input, frame);
    } catch (JException e) {
      throw JsonataErrors.evaluation(source, e);
    } catch (EvaluationBudget.Exceeded e) {
      throw new ExpressionException(e.getMessage(), -1, e);
    } catch (StackOverflowError e) {
      throw new ExpressionException("the expression nests too deeply for the thread's stack; "
          + "check recursive functions for an end condition", -1, null);
    } catch (RuntimeException e) {
      // Includes the library's refusal of a non-JSON input: "Only JSON types ... are allowed".
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new ExpressionException("evaluation failed: " + message, -1, e);
    }
    return JsonValues.normalise(result);
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return source;
  }
}
