package dev.sluice.expression;

import com.dashjoin.jsonata.JException;
import dev.sluice.api.expression.ExpressionException;
import java.util.regex.Pattern;

/**
 * Turns jsonata-java's errors into {@link ExpressionException}s that say where the problem is and
 * how to fix it.
 *
 * <p>Positions: the library reports the offset just <em>after</em> the token it stumbled on, and
 * the token itself; the position given here is the 0-based offset of the token's first character,
 * or the length of the source when the expression ended too early.
 */
final class JsonataErrors {

  /** The library's code for "the expression ended too early"; its token is {@value #END}. */
  private static final String END = "(end)";

  /** jsonata-java's messages say "Object" where JSONata's say "function". */
  private static final Pattern OBJECT = Pattern.compile("\\bObject\\b");

  private static final String UNKNOWN_CODE_PREFIX = "JSonataException ";

  private JsonataErrors() {}

  /** The expression does not compile. */
  static ExpressionException syntax(String source, JException e) {
    int position = position(source, e);
    String where = position < 0 ? ""
        : position >= source.length() ? " at the end"
        : " at character " + (position + 1);
    return new ExpressionException(
        "syntax error" + where + " of the expression: " + message(e) + hint(e), position, e);
  }

  /** The expression failed on one input. */
  static ExpressionException evaluation(String source, JException e) {
    int position = position(source, e);
    String where = position < 0 || position >= source.length() ? ""
        : " at character " + (position + 1);
    return new ExpressionException("evaluation failed" + where + ": " + message(e) + hint(e),
        position, e);
  }

  /** 0-based offset of the token the error is about, or -1 when the library gives none. */
  static int position(String source, JException e) {
    int location = e.getLocation();
    if (location < 0) {
      return -1;
    }
    int end = Math.min(location, source.length());
    Object current = e.getCurrent();
    if (current == null || END.equals(current)) {
      return end;
    }
    String token = String.valueOf(current);
    int start = end - token.length();
    if (start >= 0 && source.startsWith(token, start)) {
      return start;
    }
    int earlier = start >= 0 ? source.lastIndexOf(token, start) : -1;
    return earlier >= 0 ? earlier : Math.max(0, end - 1);
  }

  private static String message(JException e) {
    String message = e.getMessage() == null ? e.getError() : e.getMessage();
    if (message.startsWith(UNKNOWN_CODE_PREFIX)) {
      message = message.substring(UNKNOWN_CODE_PREFIX.length());
    }
    return OBJECT.matcher(message).replaceAll("function");
  }

  /** A fix for the mistakes people make most, by the library's error code and token. */
  private static String hint(JException e) {
    String token = String.valueOf(e.getCurrent());
    return switch (e.getError() == null ? "" : e.getError()) {
      case "S0101" -> "; close the string with the quote it starts with";
      case "S0105" -> "; close the quoted field name with a backquote (`)";
      case "S0203" -> "; add the missing closing bracket";
      case "S0207" -> "; complete the expression";
      case "S0211" -> switch (token) {
        case "=" -> "; JSONata compares with a single =, as in type = 'view'";
        case "&" -> "; write 'and' for logic: & joins strings";
        case "," -> "; remove the extra comma or add the missing value";
        default -> "; a value is missing before it";
      };
      case "S0201" -> "|".equals(token) ? "; write 'or' for logic, not ||" : "";
      case "S0204" -> "!".equals(token) ? "; write != to compare, or $not(x) to negate" : "";
      case "T1003" -> "; quote field names in objects, as in {\"total\": amount}";
      case "T1006" -> "; check the function's name against JSONata's built-in functions";
      case "T2001", "T2002" -> "; join strings with &, as in first & ' ' & last, "
          + "or turn text into a number with $number()";
      default -> "";
    };
  }
}
