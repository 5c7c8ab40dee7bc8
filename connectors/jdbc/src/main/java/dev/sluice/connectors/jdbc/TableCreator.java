package dev.sluice.connectors.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a missing table ({@code createTable: true}) from the first row written to it: a column
 * per field, typed by the field's value, and the key as primary key. {@code CREATE TABLE IF NOT
 * EXISTS}, so instances of one stream that race to create it all succeed.
 */
final class TableCreator {

  private static final Logger log = LoggerFactory.getLogger(TableCreator.class);

  private TableCreator() {}

  /**
   * Creates {@code table} with the columns of {@code row} and commits.
   *
   * @throws RefusedRecord when a key column is not among the row's fields
   */
  static void create(Connection connection, TableName table, Map<String, Object> row,
      List<String> key) throws SQLException, RefusedRecord {
    for (String k : key) {
      if (row.get(k) == null) {
        throw new RefusedRecord("createTable: the first record for the new table " + table
            + " has no value for the key column '" + k + "', so the table's primary key cannot "
            + "be made; its fields are " + row.keySet());
      }
    }
    String columns = row.entrySet().stream()
        .map(e -> TableName.quote(e.getKey()) + " " + type(e.getValue()))
        .collect(Collectors.joining(", "));
    String primaryKey = key.isEmpty() ? ""
        : ", PRIMARY KEY (" + key.stream().map(TableName::quote).collect(Collectors.joining(", "))
            + ")";
    String sql = "CREATE TABLE IF NOT EXISTS " + table.sql() + " (" + columns + primaryKey + ")";
    try (Statement create = connection.createStatement()) {
      create.execute(sql);
    }
    connection.commit();
    log.info("created table {}: {}", table, sql);
  }

  /** The column type for a field whose first value is {@code value}. */
  static String type(Object value) {
    return switch (value) {
      case Integer i -> "bigint";
      case Long l -> "bigint";
      case Short s -> "bigint";
      case Byte b -> "bigint";
      case BigInteger b -> "numeric";
      case BigDecimal d -> "numeric";
      case Number n -> "double precision";
      case Boolean b -> "boolean";
      case Map<?, ?> m -> "jsonb";
      case List<?> l -> "jsonb";
      case byte[] b -> "bytea";
      case null, default -> "text";
    };
  }
}
