package dev.sluice.dataplane.pipeline;

import dev.sluice.api.expression.ExpressionException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a window holds so far, kept in its state store: how many records, a running sum, count,
 * minimum and maximum per result field, and the values themselves when a result needs them. Sums
 * are exact ({@link BigDecimal}), so the order records arrive in does not change a result.
 *
 * @param count records in the window
 * @param slots one per result field, in order
 * @param values the window's values, or {@code null} when no result needs them
 */
record WindowState(long count, List<Slot> slots, List<Object> values) {

  /**
   * The running figures of one result field.
   *
   * @param sum sum of the inputs
   * @param n inputs that were numbers
   * @param min smallest input, {@code null} before the first
   * @param max largest input, {@code null} before the first
   */
  record Slot(BigDecimal sum, long n, BigDecimal min, BigDecimal max) {

    static final Slot EMPTY = new Slot(BigDecimal.ZERO, 0, null, null);

    Slot add(BigDecimal x) {
      if (x == null) {
        return this;
      }
      return new Slot(sum.add(x), n + 1, min == null || x.compareTo(min) < 0 ? x : min,
          max == null || x.compareTo(max) > 0 ? x : max);
    }

    Slot merge(Slot other) {
      return new Slot(sum.add(other.sum), n + other.n, pick(min, other.min, -1), pick(max, other.max, 1));
    }

    private static BigDecimal pick(BigDecimal a, BigDecimal b, int sign) {
      if (a == null || b == null) {
        return a == null ? b : a;
      }
      return Integer.signum(b.compareTo(a)) == sign ? b : a;
    }
  }

  /** An empty window for {@code config}. */
  static WindowState empty(WindowConfig config) {
    return new WindowState(0, config.aggregates().stream().map(a -> Slot.EMPTY).toList(),
        config.keepsValues() ? List.of() : null);
  }

  /** This window with one more record: its {@code inputs}, one per result field, and its value. */
  WindowState add(List<BigDecimal> inputs, Object value) {
    List<Slot> added = new ArrayList<>(slots.size());
    for (int i = 0; i < slots.size(); i++) {
      added.add(slots.get(i).add(inputs.get(i)));
    }
    return new WindowState(count + 1, added, values == null ? null : append(values, Collections.singletonList(value)));
  }

  /** Two sessions merged into one. */
  WindowState merge(WindowState other) {
    List<Slot> merged = new ArrayList<>(slots.size());
    for (int i = 0; i < slots.size(); i++) {
      merged.add(slots.get(i).merge(other.slots.get(i)));
    }
    return new WindowState(count + other.count, merged, values == null ? null : append(values, other.values));
  }

  /**
   * The result fields, by name and in order.
   *
   * @throws ExpressionException when an expression on the window's values fails
   */
  Map<String, Object> results(List<Aggregate> aggregates) throws ExpressionException {
    Map<String, Object> results = new LinkedHashMap<>();
    for (int i = 0; i < aggregates.size(); i++) {
      Aggregate a = aggregates.get(i);
      Slot s = slots.get(i);
      results.put(a.name(), switch (a.function()) {
        case COUNT -> a.input() == null ? count : number(s.sum);
        case SUM -> number(s.sum);
        case AVERAGE -> s.n == 0 ? null : s.sum.divide(BigDecimal.valueOf(s.n), MathContext.DECIMAL64).doubleValue();
        case MIN -> s.min == null ? null : number(s.min);
        case MAX -> s.max == null ? null : number(s.max);
        case EXPRESSION -> a.input().evaluate(values, Map.of());
      });
    }
    return results;
  }

  private static List<Object> append(List<Object> a, List<Object> b) {
    List<Object> both = new ArrayList<>(a.size() + b.size());
    both.addAll(a);
    both.addAll(b);
    return both;
  }

  /** A whole number as a long, anything else as a double: how JSON readers expect numbers. */
  private static Number number(BigDecimal x) {
    BigDecimal stripped = x.stripTrailingZeros();
    if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 18) {
      return stripped.longValueExact();
    }
    return x.doubleValue();
  }
}
