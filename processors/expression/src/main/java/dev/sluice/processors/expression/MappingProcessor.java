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
 * The {@code mapping} processor: each record's value becomes the result of the expression
 * evaluated on it; key, headers and timestamp stay. A record the expression fails on, or for which
 * it yields nothing, goes to the stream's error policy: it is never dropped silently.
 *
 * <p>Used by one thread, as {@link Processor} says.
 */
final class MappingProcessor implements Processor {

  private static final Logger log = LoggerFactory.getLogger(MappingProcessor.class);

  private Expression expression;

  @Override
  public void start(ComponentContext context) throws ConfigException {
    expression = ExpressionField.compile(context, "expression");
    log.debug("mapping for stream {} instance {} compiled: {}", context.stream(),
        context.instance(), expression.source());
  }

  @Override
  public List<Record> process(Record record) throws PermanentException {
    Object value;
    try {
      value = expression.evaluate(record.value(), Map.of());
    } catch (ExpressionException e) {
      throw new PermanentException("mapping failed for this record: " + e.getMessage(), e);
    }
    if (value == null) {
      throw new PermanentException("mapping produced no value for this record: the expression "
          + "gives nothing when the fields it reads are missing or null; give them a default "
          + "(as in amount ? amount : 0), or drop such records with a filter before the mapping",
          null);
    }
    return List.of(record.withValue(value));
  }
}
