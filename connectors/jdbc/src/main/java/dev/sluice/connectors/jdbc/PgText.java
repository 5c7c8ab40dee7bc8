package dev.sluice.connectors.jdbc;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Renders a record's JSON-like values as the text Postgres parses for a column's type. The sink
 * binds every value as text of unspecified type, so Postgres itself converts it with the column's
 * input function: {@code "2024-05-01T10:00:00Z"} becomes a timestamptz, {@code "42"} an integer,
 * and a value that does not fit (1.5 for an integer, "abc" for a number) is refused by the
 * database with the column's type in the message, never silently rounded or truncated.
 *
 * <p>Numbers are written in plain notation, whole doubles without a fraction ({@code 3.0} as
 * {@code 3}); objects as JSON text (for json, jsonb and text columns); lists as JSON, or as an
 * array literal for array columns; bytes as a bytea hex literal. Text for a bytea column is
 * base64, as JSON carries bytes: Postgres would otherwise store the base64 characters themselves.
 */
final class PgText {

  private PgText() {}

  /**
   * {@code value} as input text for {@code column}, or {@code null} for SQL NULL.
   *
   * @throws RefusedRecord when text for a bytea column is neither base64 (as JSON carries bytes,
   *     and the postgres_cdc input writes them) nor a {@code \x} hex literal
   */
  static String render(Object value, Table.Column column) throws RefusedRecord {
    if (value instanceof List<?> list && column.array()) {
      StringBuilder out = new StringBuilder();
      arrayLiteral(list, out);
      return out.toString();
    }
    if (value instanceof String text && column.type().equals("bytea")
        && !text.startsWith("\\x")) {
      try {
        return scalar(Base64.getDecoder().decode(text));
      } catch (IllegalArgumentException e) {
        throw new RefusedRecord("column " + column.name() + " (bytea) takes base64 text or a \\x "
            + "hex literal, got \"" + Excerpt.of(text) + "\" (" + e.getMessage() + "); encode the "
            + "bytes as base64");
      }
    }
    return scalar(value);
  }

  /** {@code value} as text with no column in view: JSON for objects and lists. */
  static String scalar(Object value) {
    return switch (value) {
      case null -> null;
      case String s -> s;
      case Number n -> number(n);
      case Boolean b -> b.toString();
      case byte[] bytes -> "\\x" + HexFormat.of().formatHex(bytes);
      case Map<?, ?> map -> JsonText.of(map);
      case List<?> list -> JsonText.of(list);
      default -> value.toString();
    };
  }

  /** {@code n} in plain notation: no exponent, no trailing {@code .0}. */
  static String number(Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return d > 0 ? "Infinity" : d < 0 ? "-Infinity" : "NaN";
      }
      return plain(BigDecimal.valueOf(d));
    }
    if (n instanceof BigDecimal decimal) {
      return plain(decimal);
    }
    return n.toString();
  }

  private static String plain(BigDecimal decimal) {
    return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
  }

  /** Writes {@code list} as a Postgres array literal: every element quoted, NULL bare. */
  private static void arrayLiteral(List<?> list, StringBuilder out) {
    out.append('{');
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      Object element = list.get(i);
      if (element instanceof List<?> inner) {
        arrayLiteral(inner, out);
      } else if (element == null) {
        out.append("NULL");
      } else {
        out.append('"');
        for (char c : scalar(element).toCharArray()) {
          if (c == '"' || c == '\\') {
            out.append('\\');
          }
          out.append(c);
        }
        out.append('"');
      }
    }
    out.append('}');
  }
}
