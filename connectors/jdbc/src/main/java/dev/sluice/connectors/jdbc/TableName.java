package dev.sluice.connectors.jdbc;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A table's name as the user wrote it, {@code table} or {@code schema.table}, each part used
 * exactly as written: quoted in SQL, so case and special characters are kept and nothing in a
 * name can break out of the statement.
 *
 * @param schema the schema, or {@code null} for the connection's search path
 * @param table the table
 */
record TableName(String schema, String table) {

  /** Postgres truncates longer identifiers (NAMEDATALEN - 1 bytes). */
  private static final int MAX_BYTES = 63;

  /** Parses {@code text}, which {@link #problem} found nothing wrong with. */
  static TableName parse(String text) {
    int dot = text.indexOf('.');
    return dot < 0
        ? new TableName(null, text)
        : new TableName(text.substring(0, dot), text.substring(dot + 1));
  }

  /** What is wrong with {@code text} as a table name, with the fix; empty when it is fine. */
  static Optional<String> problem(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length > 2) {
      return Optional.of("expected table or schema.table, got " + parts.length + " parts; names "
          + "with dots are not supported");
    }
    for (String part : parts) {
      if (part.isBlank()) {
        return Optional.of("expected table or schema.table with no blank part, such as "
            + "sales.orders");
      }
      if (part.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
        return Optional.of("'" + part + "' is longer than Postgres's 63-byte limit for names; "
            + "shorten it");
      }
      if (part.indexOf('\0') >= 0) {
        return Optional.of("a name cannot hold the character NUL; remove it");
      }
    }
    return Optional.empty();
  }

  /** {@code name} as a quoted SQL identifier: {@code "na""me"}. */
  static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** The name for SQL text: quoted parts joined by a dot. */
  String sql() {
    return schema == null ? quote(table) : quote(schema) + "." + quote(table);
  }

  /** The name as the user wrote it, for messages. */
  @Override
  public String toString() {
    return schema == null ? table : schema + "." + table;
  }
}
