package dev.sluice.processors.expression;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.expression.Expression;
import dev.sluice.api.expression.ExpressionException;
import java.util.List;

/** Compiles one expression field of a processor's config, once, at start. */
final class ExpressionField {

  private ExpressionField() {}

  /**
   * Compiles the field {@code name} of {@code context}'s config with the context's language.
   *
   * @throws ConfigException naming the field when it is missing or does not compile
   */
  static Expression compile(ComponentContext context, String name) throws ConfigException {
    Object source = context.config().get(name);
    if (!(source instanceof String text)) {
      throw new ConfigException(List.of(Problem.at(name, source == null ? null : source.toString(),
          "'" + name + "' must be an expression, such as amount > 100")));
    }
    try {
      return context.expressions().compile(text);
    } catch (ExpressionException e) {
      throw new ConfigException(List.of(Problem.at(name, text, e.getMessage())));
    }
  }
}
