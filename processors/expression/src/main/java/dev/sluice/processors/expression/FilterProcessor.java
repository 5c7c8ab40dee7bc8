package dev.sluice.processors.expression;

import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.Processor;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.expression.Expression;
import dev.sluice.api.expression.ExpressionException;
import dev.sluice.api.record.Record;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code filter} processor: keeps a record when the condition gives {@code true}, drops it when
 * the condition gives {@code false} or nothing (a comparison with a missing field gives nothing
 * or false). Any other result is a mistake in the condition, not an answer: that record goes to
 * the stream's error policy, so a condition such as {@code amount} (instead of {@code amount > 0})
 * does not quietly drop or keep everything.
 *
 * <p>Used by one thread, as {@link Processor} says.
 */
final class FilterProcessor implements Processor {

  private static final Logger log = LoggerFactory.getLogger(FilterProcessor.class);

  private static final int MAX_SHOWN = 60;

  private Expression condition;

  @Override
  public void start(ComponentContext context) throws ConfigException {
    condition = ExpressionField.compile(context, "condition");
    log.debug("filter for stream {} instance {} compiled: {}", context.stream(),
        context.instance(), condition.source());
  }

  @Override
  public List<Record> process(Record record) throws PermanentException {
    Object result;
    try {
      result = condition.evaluate(record.value(), Map.of());
    } catch (ExpressionException e) {
      throw new PermanentException("filter condition failed for this record: " + e.getMessage(), e);
    }
    if (Boolean.TRUE.equals(result)) {
      return List.of(record);
    }
    if (result == null || Boolean.FALSE.equals(result)) {
      log.trace("filter dropped a record: the condition gave {}", result);
      return List.of();
    }
    throw new PermanentException("filter condition gave " + describe(result)
        + " instead of true or false; compare it, e.g. amount > 0, or test that it is there "
        + "with $exists(amount)", null);
  }

  private static String describe(Object value) {
    String type = value instanceof String ? "a string"
        : value instanceof Number ? "a number"
        : value instanceof Map ? "an object"
        : value instanceof List ? "an array"
        : "a " + value.getClass().getSimpleName();
    String shown = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    if (shown.length() > MAX_SHOWN) {
      shown = shown.substring(0, MAX_SHOWN - 3) + "...";
    }
    return type + " (" + shown + ")";
  }
}
