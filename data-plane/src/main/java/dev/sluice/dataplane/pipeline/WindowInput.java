package dev.sluice.dataplane.pipeline;

import dev.sluice.api.error.PermanentException;
import dev.sluice.api.expression.Expression;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The exit to a window: evaluates, under the error policy, all a window needs of a record (its key,
 * event time and the inputs of each result field), so that the aggregation itself cannot fail on
 * a record. Forwards the key as bytes and a {@link Contribution} as JSON, stamped with the event
 * time. Thread-safe when the expressions are.
 */
final class WindowInput implements SegmentExit {

  /**
   * What one record adds to a window.
   *
   * @param in one input per result field ({@code null} where it needs none or got nothing)
   * @param v the record's value when results need the values, else {@code null}
   */
  record Contribution(List<BigDecimal> in, Object v) {}

  private final String name;
  private final WindowConfig config;
  private final GroupingKey groupingKey;

  WindowInput(String name, WindowConfig config) {
    this.name = name;
    this.config = config;
    this.groupingKey = new GroupingKey(config.key(), "aggregate by", "window");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Record<Object, Object> exit(dev.sluice.api.record.Record record) throws Exception {
    Object key = groupingKey.of(record);
    long time = config.time() == null ? record.timestamp() : eventTime(config.time(), record.value());
    List<BigDecimal> inputs = new ArrayList<>(config.aggregates().size());
    for (Aggregate a : config.aggregates()) {
      inputs.add(a.keepsValues() || a.input() == null ? null : input(a, record.value()));
    }
    Contribution contribution = new Contribution(inputs, config.keepsValues() ? record.value() : null);
    return new Record<>(RecordFormat.encodeKey(key), StateJson.write(contribution), time,
        KafkaHeaders.of(record.headers()));
  }

  private static BigDecimal input(Aggregate a, Object value) throws Exception {
    Object x = a.input().evaluate(value, Map.of());
    if (x == null) {
      return null;
    }
    if (a.function() == Aggregate.Function.COUNT) {
      return BigDecimal.valueOf(x instanceof List<?> items ? items.size() : 1);
    }
    if (x instanceof Number n && !(n instanceof Double d && !Double.isFinite(d))) {
      return n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
    }
    throw new PermanentException("the window result '" + a.name() + "' needs a number from '" + a.input().source()
        + "' but got " + x + "; fix the expression or filter such records out before the window", null);
  }

  private static long eventTime(Expression time, Object value) throws Exception {
    Object t = time.evaluate(value, Map.of());
    long millis = -1;
    if (t instanceof Number n) {
      millis = n.longValue();
    } else if (t instanceof String text) {
      try {
        millis = Instant.parse(text).toEpochMilli();
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    if (millis >= 0) {
      return millis;
    }
    throw new PermanentException("the window time '" + time.source() + "' gave " + t + "; it must give epoch "
        + "milliseconds (not negative) or an ISO-8601 time such as 2026-11-25T12:00:00Z", null);
  }
}
