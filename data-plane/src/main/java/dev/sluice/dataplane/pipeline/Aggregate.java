package dev.sluice.dataplane.pipeline;

import dev.sluice.api.expression.Expression;
import dev.sluice.api.expression.ExpressionException;
import dev.sluice.api.expression.ExpressionLanguage;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One result field of a window: {@code $count()}, {@code $count(E)} (what {@code E} gives across
 * the window: an array counts its items), {@code $sum(E)}, {@code $average(E)}, {@code $min(E)}
 * or {@code $max(E)}, kept up to date record by record from {@code E} evaluated on each value; or
 * any other expression, evaluated on the array of the window's values.
 *
 * @param name the result field
 * @param function how the result is made
 * @param input {@code E}, or for {@link Function#EXPRESSION} the whole expression; {@code null} for
 *     {@code $count()}
 */
record Aggregate(String name, Function function, Expression input) {

  /** How a result is made. */
  enum Function { COUNT, SUM, AVERAGE, MIN, MAX, EXPRESSION }

  private static final Pattern CALL =
      Pattern.compile("\\s*\\$(count|sum|average|min|max)\\s*\\((.*)\\)\\s*", Pattern.DOTALL);

  /**
   * The aggregate {@code source} describes.
   *
   * @throws ExpressionException when it does not compile
   */
  static Aggregate of(String name, String source, ExpressionLanguage expressions) throws ExpressionException {
    Matcher call = CALL.matcher(source);
    if (call.matches() && balanced(call.group(2))) {
      Function function = Function.valueOf(call.group(1).toUpperCase(Locale.ROOT));
      String argument = call.group(2).strip();
      if (argument.isEmpty() || argument.equals("$")) {
        if (function == Function.COUNT) {
          return new Aggregate(name, function, null);
        }
      } else {
        return new Aggregate(name, function, expressions.compile(argument));
      }
    }
    return new Aggregate(name, Function.EXPRESSION, expressions.compile(source));
  }

  /** Whether the aggregate needs the window's values kept. */
  boolean keepsValues() {
    return function == Function.EXPRESSION;
  }

  /**
   * Whether {@code text}, the inside of {@code $f(...)}, closes every bracket it opens, outside
   * string literals: so that {@code $sum(a) + $sum(b)} is not taken for {@code $sum} of {@code a)
   * + $sum(b}.
   */
  private static boolean balanced(String text) {
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        if (--depth < 0) {
          return false;
        }
      }
    }
    return depth == 0 && quote == 0;
  }
}
