package dev.sluice.connectors.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the sink knows of its table, read from the catalog: its columns in table order and its
 * unique keys. Immutable; read again after a reconnect and when a record names a column the sink
 * did not know.
 *
 * @param name the table's name as configured
 * @param columns the columns by name, in the table's order
 * @param primaryKey the primary key's columns, empty when the table has none
 * @param uniqueKeys the column sets of every plain unique index (primary key included), which an
 *     {@code ON CONFLICT} clause can name
 */
record Table(
    TableName name,
    Map<String, Column> columns,
    Set<String> primaryKey,
    List<Set<String>> uniqueKeys) {

  private static final String COLUMNS = "SELECT a.attname, format_type(a.atttypid, a.atttypmod), "
      + "t.typcategory, a.attgenerated <> '' FROM pg_attribute a "
      + "JOIN pg_type t ON t.oid = a.atttypid "
      + "WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped "
      + "ORDER BY a.attnum";

  private static final String UNIQUE_KEYS = "SELECT i.indexrelid, i.indisprimary, a.attname "
      + "FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
      + "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = to_regclass(?) AND i.indisunique "
      + "AND i.indpred IS NULL AND i.indexprs IS NULL ORDER BY i.indexrelid";

  Table {
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    primaryKey = Collections.unmodifiableSet(new LinkedHashSet<>(primaryKey));
    uniqueKeys = List.copyOf(uniqueKeys);
  }

  /**
   * One column.
   *
   * @param name the column's name
   * @param type its type as Postgres writes it, such as {@code numeric(10,2)} or {@code text[]}
   * @param array whether the type is an array type
   * @param generated whether Postgres computes the value (a generated column), so it takes none
   */
  record Column(String name, String type, boolean array, boolean generated) {}

  /** The table {@code name} as it is now, or empty when it does not exist. */
  static Optional<Table> load(Connection connection, TableName name) throws SQLException {
    Map<String, Column> columns = new LinkedHashMap<>();
    try (PreparedStatement query = connection.prepareStatement(COLUMNS)) {
      query.setString(1, name.sql());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String column = rows.getString(1);
          columns.put(column, new Column(column, rows.getString(2),
              "A".equals(rows.getString(3)), rows.getBoolean(4)));
        }
      }
    }
    if (columns.isEmpty()) {
      return Optional.empty();
    }
    Set<String> primaryKey = Set.of();
    Map<Long, Set<String>> uniqueKeys = new LinkedHashMap<>();
    try (PreparedStatement query = connection.prepareStatement(UNIQUE_KEYS)) {
      query.setString(1, name.sql());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          Set<String> key = uniqueKeys.computeIfAbsent(rows.getLong(1), k -> new LinkedHashSet<>());
          key.add(rows.getString(3));
          if (rows.getBoolean(2)) {
            primaryKey = key;
          }
        }
      }
    }
    return Optional.of(new Table(name, columns, primaryKey, new ArrayList<>(uniqueKeys.values())));
  }

  /** Whether an {@code ON CONFLICT} on exactly {@code key} finds a unique index to use. */
  boolean hasUniqueKey(Set<String> key) {
    return uniqueKeys.contains(key);
  }
}
