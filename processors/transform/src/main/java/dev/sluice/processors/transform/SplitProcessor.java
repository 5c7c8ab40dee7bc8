package dev.sluice.processors.transform;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.Processor;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.expression.Expression;
import dev.sluice.api.expression.ExpressionException;
import dev.sluice.api.record.Record;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code split} processor: a record whose value holds an array becomes one record per element,
 * in the array's order, each with the original key, headers and timestamp (so they stay on the
 * same partition and in order). An empty array gives no records. A value where the array should be
 * that is not an array, or is missing, is an error for that record: it goes to the stream's error
 * policy, never quietly away.
 *
 * <p>Used by one thread, as {@link Processor} says.
 */
final class SplitProcessor implements Processor {

  private static final Logger log = LoggerFactory.getLogger(SplitProcessor.class);

  /** A {@code field} that names one top-level field, plain or in backquotes. */
  private static final Pattern TOP_LEVEL_NAME =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)|`([^`]+)`");

  private static final int MAX_SHOWN = 60;

  /** Gives the array; {@code null} when the value itself is the array. */
  private Expression field;
  /** The field each element goes under; {@code null} to make the element the value. */
  private String as;
  private boolean keepParent;
  /** With {@code keepParent}, the parent's field that held the array, left out; or null. */
  private String arrayField;

  @Override
  public void start(ComponentContext context) throws ConfigException {
    Map<String, Object> config = context.config();
    List<Problem> problems = new ArrayList<>(SplitProvider.check(config));
    if (config.get("field") instanceof String source) {
      try {
        field = context.expressions().compile(source);
      } catch (ExpressionException e) {
        problems.add(Problem.at("field", source, e.getMessage()));
      }
      Matcher name = TOP_LEVEL_NAME.matcher(source.strip());
      if (name.matches()) {
        arrayField = name.group(1) != null ? name.group(1) : name.group(2);
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    as = (String) config.get("as");
    keepParent = Boolean.TRUE.equals(config.get("keepParent"));
    log.debug("split for stream {} instance {}: field {}, as {}, keepParent {}", context.stream(),
        context.instance(), field == null ? "(the value)" : field.source(), as, keepParent);
  }

  @Override
  public List<Record> process(Record record) throws PermanentException {
    Object found = array(record);
    if (!(found instanceof List<?> elements)) {
      throw new PermanentException(notAnArray(found), null);
    }
    if (elements.isEmpty()) {
      log.trace("split dropped a record: its array is empty");
      return List.of();
    }
    Map<?, ?> parent = keepParent ? parent(record.value()) : null;
    List<Record> split = new ArrayList<>(elements.size());
    for (Object element : elements) {
      split.add(record.withValue(shape(element, parent)));
    }
    return split;
  }

  private Object array(Record record) throws PermanentException {
    if (field == null) {
      return record.value();
    }
    try {
      return field.evaluate(record.value(), Map.of());
    } catch (ExpressionException e) {
      throw new PermanentException("split field failed for this record: " + e.getMessage(), e);
    }
  }

  private Object shape(Object element, Map<?, ?> parent) {
    if (as == null) {
      return element;
    }
    Map<Object, Object> value = new LinkedHashMap<>();
    if (parent != null) {
      value.putAll(parent);
      value.remove(arrayField);
    }
    value.put(as, element);
    return value;
  }

  private static Map<?, ?> parent(Object value) throws PermanentException {
    if (value instanceof Map<?, ?> fields) {
      return fields;
    }
    throw new PermanentException("split with keepParent needs the record's value to be an "
        + "object whose fields it keeps, but it is " + describe(value) + "; drop keepParent, or "
        + "map the value to an object first", null);
  }

  private String notAnArray(Object found) {
    if (field == null) {
      return "split needs the record's value to be an array, but it is " + describe(found)
          + "; name the array with 'field', such as field: items";
    }
    if (found == null) {
      return "split found nothing at " + field.source() + " (the field is missing or null); "
          + "filter such records out first, as in $exists(" + field.source() + ")";
    }
    return "split needs an array at " + field.source() + ", but it is " + describe(found)
        + "; point 'field' at the array (a path that matches once gives the match itself: end it "
        + "with [] to always get an array, as in lines[qty > 1][])";
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    String type = value instanceof String ? "a string"
        : value instanceof Number ? "a number"
        : value instanceof Boolean ? "a boolean"
        : value instanceof Map ? "an object"
        : value instanceof byte[] ? "bytes (read the input with format: json)"
        : "a " + value.getClass().getSimpleName();
    if (value instanceof byte[]) {
      return type;
    }
    String shown = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    if (shown.length() > MAX_SHOWN) {
      shown = shown.substring(0, MAX_SHOWN - 3) + "...";
    }
    return type + " (" + shown + ")";
  }
}
