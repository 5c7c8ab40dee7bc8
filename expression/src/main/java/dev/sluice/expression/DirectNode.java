package dev.sluice.expression;

import java.util.Map;

/**
 * One node of a {@link DirectExpression}: evaluates against a record's value, returning what
 * jsonata-java would return, with Java {@code null} for JSONata's "nothing" (undefined).
 *
 * <p>Throws {@link Defer} where a value is outside what the direct path reproduces exactly (an
 * array, a type error): the caller then evaluates the expression with jsonata-java.
 */
@FunctionalInterface
interface DirectNode {

  Object evaluate(Map<?, ?> record);

  /** The direct path cannot answer for this record; jsonata-java must. Carries no stack trace. */
  final class Defer extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final Defer INSTANCE = new Defer();

    private Defer() {
      super("evaluate with jsonata-java", null, false, false);
    }
  }
}
