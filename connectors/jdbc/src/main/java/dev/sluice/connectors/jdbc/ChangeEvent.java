package dev.sluice.connectors.jdbc;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A record value shaped like a change event, as the {@code postgres_cdc} input (and Debezium)
 * writes them: {@code {"op": "c"|"r"|"u"|"d", "before": {...}|null, "after": {...}|null,
 * "source": {...}}}, keyed by the row's primary key as an object.
 *
 * @param op {@code c} create, {@code r} read (snapshot), {@code u} update, {@code d} delete
 * @param before the row before the change (for deletes, at least its key), or {@code null}
 * @param after the row after the change, or {@code null} for deletes
 */
record ChangeEvent(String op, Map<?, ?> before, Map<?, ?> after) {

  private static final Set<String> OPS = Set.of("c", "r", "u", "d");

  /**
   * {@code value} as a change event: an object whose {@code op} is one of c, r, u, d and that has
   * a {@code before} or an {@code after} field (either may be null). Anything else is a plain row.
   */
  static Optional<ChangeEvent> of(Object value) {
    if (value instanceof Map<?, ?> map && map.get("op") instanceof String op && OPS.contains(op)
        && (map.containsKey("before") || map.containsKey("after"))) {
      return Optional.of(new ChangeEvent(op,
          map.get("before") instanceof Map<?, ?> b ? b : null,
          map.get("after") instanceof Map<?, ?> a ? a : null));
    }
    return Optional.empty();
  }

  /** Whether the event removes its row. */
  boolean delete() {
    return "d".equals(op);
  }
}
