package dev.sluice.expression;

import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Utils;
import java.util.List;
import java.util.Map;

/**
 * The operators of a {@link DirectExpression}, each giving exactly what jsonata-java 0.9.10's
 * evaluator gives for the same operands ({@code evaluateName}, {@code evaluateNumericExpression},
 * {@code evaluateEqualityExpression}, {@code evaluateComparisonExpression}, {@code
 * evaluateBooleanExpression}), or throwing {@link DirectNode.Defer} where it would raise an error
 * or treat arrays in its own way, so that the library raises or treats them itself.
 * {@code DirectExpressionTest} compares both on generated records.
 */
final class DirectOperators {

  private DirectOperators() {}

  /**
   * A field of an object: nothing when absent, the library's JSON null ({@link
   * Jsonata#NULL_VALUE}) when present with a null value; arrays, non-objects and values that are
   * not JSON go to the library (which refuses the whole input when any of its values is not JSON;
   * the direct path checks the values it reads).
   */
  static Object field(Object value, String name) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map<?, ?> object)) {
      throw DirectNode.Defer.INSTANCE;
    }
    Object result = object.get(name);
    if (!(result == null || result instanceof String || result instanceof Number
        || result instanceof Boolean || result instanceof Map<?, ?>)) {
      throw DirectNode.Defer.INSTANCE;
    }
    return result == null && object.containsKey(name) ? Jsonata.NULL_VALUE : result;
  }

  /** A value as a record holds it: JSON null as Java {@code null}. */
  static Object recordValue(Object value) {
    return value == Jsonata.NULL_VALUE ? null : value;
  }

  /** {@code + - * / %}: on two numbers in doubles, the result whole where it is whole. */
  static Object arithmetic(char operator, Object left, Object right) {
    if (left != null && !plainNumber(left) || right != null && !plainNumber(right)) {
      throw DirectNode.Defer.INSTANCE;
    }
    if (left == null || right == null) {
      return null;
    }
    double l = ((Number) left).doubleValue();
    double r = ((Number) right).doubleValue();
    double result = switch (operator) {
      case '+' -> l + r;
      case '-' -> l - r;
      case '*' -> l * r;
      case '/' -> l / r;
      case '%' -> l % r;
      default -> throw new IllegalArgumentException("not an arithmetic operator: " + operator);
    };
    if (!Double.isFinite(result)) {
      throw DirectNode.Defer.INSTANCE; // the library reports it as out of range
    }
    return Utils.convertNumber(result);
  }

  /** {@code &}: two strings joined, nothing counting as empty; other values go to the library. */
  static String concat(Object left, Object right) {
    return text(left) + text(right);
  }

  private static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof String text) {
      return text;
    }
    throw DirectNode.Defer.INSTANCE; // $string formats numbers, null and objects its own way
  }

  /** {@code =} and {@code !=}: false when either side is nothing; numbers compared as doubles. */
  static Boolean equality(boolean equal, Object left, Object right) {
    if (left == null || right == null) {
      return Boolean.FALSE;
    }
    Object l = left instanceof Number n ? (Object) n.doubleValue() : left;
    Object r = right instanceof Number n ? (Object) n.doubleValue() : right;
    return l.equals(r) == equal;
  }

  /** {@code < <= > >=} on two strings or two numbers; nothing when either side is nothing. */
  static Boolean comparison(String operator, Object left, Object right) {
    if (left != null && !(left instanceof String || plainNumber(left))
        || right != null && !(right instanceof String || plainNumber(right))) {
      throw DirectNode.Defer.INSTANCE;
    }
    if (left == null || right == null) {
      return null;
    }
    int order;
    if (left.getClass().equals(right.getClass())) {
      order = compareSameType(left, right);
    } else if (left instanceof Number l && right instanceof Number r) {
      order = Double.compare(l.doubleValue(), r.doubleValue());
    } else {
      throw DirectNode.Defer.INSTANCE;
    }
    return switch (operator) {
      case "<" -> order < 0;
      case "<=" -> order <= 0;
      case ">" -> order > 0;
      case ">=" -> order >= 0;
      default -> throw new IllegalArgumentException("not a comparison: " + operator);
    };
  }

  /** JSONata's truth of a value, as {@code and} and {@code or} take it. */
  static boolean truth(Object value) {
    if (value instanceof List<?>) {
      throw DirectNode.Defer.INSTANCE;
    }
    return Jsonata.boolize(value);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareSameType(Object left, Object right) {
    return ((Comparable) left).compareTo(right);
  }

  private static boolean plainNumber(Object value) {
    return value instanceof Integer || value instanceof Long
        || value instanceof Double d && Double.isFinite(d);
  }
}
