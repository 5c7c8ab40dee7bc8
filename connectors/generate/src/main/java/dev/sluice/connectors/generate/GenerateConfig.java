package dev.sluice.connectors.generate;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.expression.Expression;
import dev.sluice.api.expression.ExpressionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code generate} input's configuration, parsed once at start.
 *
 * @param template builds each record's value from {@code $seq}
 * @param count how many records the whole stream generates; {@link #UNBOUNDED} when unset
 * @param rate records per second for the whole stream; 0 for as fast as possible
 * @param key builds each record's key from its value, or {@code null} for records without a key
 */
record GenerateConfig(Expression template, long count, long rate, Expression key) {

  /** The count of a generator that never stops. */
  static final long UNBOUNDED = Long.MAX_VALUE;

  private static final long DEFAULT_RATE =
      ((Number) GenerateInputProvider.SPEC.field("rate").orElseThrow().defaultValue()).longValue();

  /**
   * Reads and compiles the config of {@code context}, which Sluice validated against {@link
   * GenerateInputProvider#SPEC}.
   *
   * @throws ConfigException with every field that cannot work
   */
  static GenerateConfig from(ComponentContext context) throws ConfigException {
    Map<String, Object> config = context.config();
    List<Problem> problems = new ArrayList<>();
    if (config.get("template") == null) {
      problems.add(Problem.at("template", null,
          "'template' is required: an expression that builds each record, such as {\"id\": $seq}"));
    }
    Expression template = compile(context, "template", problems);
    Expression key = compile(context, "key", problems);
    long count = number(config, "count", UNBOUNDED, 1, problems);
    long rate = number(config, "rate", DEFAULT_RATE, 0, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new GenerateConfig(template, count, rate, key);
  }

  /** The compiled field, or {@code null} when it is unset or (with a problem added) invalid. */
  private static Expression compile(ComponentContext context, String name, List<Problem> problems) {
    Object value = context.config().get(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String source)) {
      problems.add(
          Problem.at(name, value.toString(), "expected an expression, such as {\"id\": $seq}"));
      return null;
    }
    try {
      return context.expressions().compile(source);
    } catch (ExpressionException e) {
      problems.add(Problem.at(name, source, e.getMessage()));
      return null;
    }
  }

  private static long number(
      Map<String, Object> config, String name, long absent, long min, List<Problem> problems) {
    Object value = config.get(name);
    if (value == null) {
      return absent;
    }
    if (value instanceof Number n && n.longValue() >= min && n.doubleValue() == n.longValue()) {
      return n.longValue();
    }
    problems.add(Problem.at(name, value.toString(), "expected a whole number of at least " + min));
    return absent;
  }
}
