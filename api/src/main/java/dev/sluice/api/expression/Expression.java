package dev.sluice.api.expression;

import java.util.Map;

/** A compiled expression. Thread-safe: one instance may be evaluated by many threads at once. */
public interface Expression {

  /**
   * Evaluates the expression against {@code input}, a JSON-like value (see {@link
   * dev.sluice.api.record.Record}).
   *
   * @param variables extra values the expression can refer to by {@code $name}, such as {@code
   *     $seq} in the generate input; may be empty
   * @return the result, a JSON-like value, or {@code null} when the expression yields nothing
   * @throws ExpressionException when evaluation fails for this input (a type error, say); a
   *     permanent error for that record
   */
  Object evaluate(Object input, Map<String, Object> variables) throws ExpressionException;

  /** The source text this was compiled from. */
  String source();
}
