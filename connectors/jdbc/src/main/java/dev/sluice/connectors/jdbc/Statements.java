package dev.sluice.connectors.jdbc;

import dev.sluice.connectors.jdbc.RowChange.Shape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The SQL text of each statement shape for one table and key, built once per shape. Every name is
 * quoted; values are always bind parameters. Not thread-safe: one per sink.
 */
final class Statements {

  private final TableName table;
  private final List<String> key;
  private final Map<Shape, String> sql = new HashMap<>();

  /**
   * @param table the table written to
   * @param key the key columns that upserts conflict on and deletes match; may be empty when the
   *     sink only inserts
   */
  Statements(TableName table, List<String> key) {
    this.table = table;
    this.key = List.copyOf(key);
  }

  /** The statement for {@code shape}, with one {@code ?} per column of the shape. */
  String sql(Shape shape) {
    return sql.computeIfAbsent(shape, this::build);
  }

  private String build(Shape shape) {
    List<String> columns = shape.columns();
    return switch (shape.kind()) {
      case INSERT -> insert(columns);
      case UPSERT -> insert(columns) + " ON CONFLICT (" + names(key) + ") DO " + update(columns);
      case DELETE -> "DELETE FROM " + table.sql() + " WHERE " + columns.stream()
          .map(c -> TableName.quote(c) + " = ?").collect(Collectors.joining(" AND "));
    };
  }

  private String insert(List<String> columns) {
    return "INSERT INTO " + table.sql() + " (" + names(columns) + ") VALUES ("
        + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
  }

  private String update(List<String> columns) {
    List<String> updated = columns.stream().filter(c -> !key.contains(c)).toList();
    if (updated.isEmpty()) {
      return "NOTHING";
    }
    return "UPDATE SET " + updated.stream()
        .map(c -> TableName.quote(c) + " = EXCLUDED." + TableName.quote(c))
        .collect(Collectors.joining(", "));
  }

  private static String names(List<String> columns) {
    return columns.stream().map(TableName::quote).collect(Collectors.joining(", "));
  }
}
