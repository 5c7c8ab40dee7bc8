package dev.sluice.connectors.jdbc;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON-like values (see {@link dev.sluice.api.record.Record}) as compact JSON text, for
 * json and jsonb columns. Small on purpose: the plugin carries no JSON library for this alone.
 */
final class JsonText {

  private JsonText() {}

  /** {@code value} as JSON text. */
  static String of(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    switch (value) {
      case null -> out.append("null");
      case String s -> string(s, out);
      case Boolean b -> out.append(b);
      case Number n -> number(n, out);
      case byte[] bytes -> string(Base64.getEncoder().encodeToString(bytes), out);
      case Map<?, ?> map -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          string(String.valueOf(e.getKey()), out);
          out.append(':');
          write(e.getValue(), out);
        }
        out.append('}');
      }
      case List<?> list -> {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(list.get(i), out);
        }
        out.append(']');
      }
      default -> string(value.toString(), out);
    }
  }

  private static void number(Number n, StringBuilder out) {
    double d = n.doubleValue();
    if ((n instanceof Double || n instanceof Float) && (Double.isNaN(d) || Double.isInfinite(d))) {
      out.append("null"); // JSON has no NaN or Infinity
    } else {
      out.append(PgText.number(n));
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
