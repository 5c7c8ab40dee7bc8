package dev.sluice.expression;

import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.JFunction;
import com.dashjoin.jsonata.Jsonata.JLambda;
import com.dashjoin.jsonata.Parser.Symbol;
import com.dashjoin.jsonata.Utils.JList;
import com.dashjoin.jsonata.Utils.RangeList;
import dev.sluice.api.expression.ExpressionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns what jsonata-java returns into the JSON-like values of a {@link
 * dev.sluice.api.record.Record}.
 *
 * <ul>
 *   <li>JSONata's {@code null} (the library's {@code NULL_VALUE} marker) becomes Java {@code
 *       null}, at the top and inside objects and arrays.
 *   <li>The library's own lists (which carry flags that change how a later expression treats them:
 *       a "sequence" is not an array) and its lazy ranges are copied into plain {@link
 *       ArrayList}s, so a value means the same to the next expression as to a JSON encoder.
 *   <li>Numbers stay as the library makes them: a whole result is an {@link Integer} or {@link
 *       Long} ({@code 2.5 * 2} is {@code 5}, which an encoder writes as {@code 5}, not {@code
 *       5.0}); a fraction is a {@link Double}; numbers copied from the input keep their type.
 *   <li>A function, a regular expression or any other non-JSON result is an error: it cannot be
 *       written to a record.
 * </ul>
 *
 * <p>Maps and lists are copied only where something inside them changed; otherwise the result is
 * returned as it is, which may share parts with the input (as {@code $} does).
 */
final class JsonValues {

  private JsonValues() {}

  static Object normalise(Object value) throws ExpressionException {
    if (value == null || value == Jsonata.NULL_VALUE) {
      return null;
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      return object(map);
    }
    if (value instanceof List<?> list) {
      return array(list);
    }
    throw new ExpressionException(describe(value) + ", which is not a JSON value; "
        + "call a function to get a value from it, as in $string(amount)", -1, null);
  }

  private static Object object(Map<?, ?> map) throws ExpressionException {
    Map<Object, Object> copy = null;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object normalised = normalise(entry.getValue());
      if (copy == null && normalised != entry.getValue()) {
        copy = new LinkedHashMap<>(map);
      }
      if (copy != null) {
        copy.put(entry.getKey(), normalised);
      }
    }
    return copy == null ? map : copy;
  }

  private static Object array(List<?> list) throws ExpressionException {
    boolean libraryList = list instanceof JList<?> || list instanceof RangeList;
    List<Object> copy = libraryList ? new ArrayList<>(list.size()) : null;
    for (int i = 0; i < list.size(); i++) {
      Object item = list.get(i);
      Object normalised = normalise(item);
      if (copy == null && normalised != item) {
        copy = new ArrayList<>(list.subList(0, i));
      }
      if (copy != null) {
        copy.add(normalised);
      }
    }
    return copy == null ? list : copy;
  }

  private static String describe(Object value) {
    if (value instanceof JFunction || value instanceof JLambda || value instanceof Symbol) {
      return "the expression gives a function";
    }
    if (value instanceof Pattern) {
      return "the expression gives a regular expression";
    }
    return "the expression gives a Java " + value.getClass().getSimpleName();
  }
}
