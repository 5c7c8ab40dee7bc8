package dev.sluice.connectors.jdbc;

import dev.sluice.api.expression.Expression;
import dev.sluice.api.expression.ExpressionException;
import dev.sluice.api.record.Record;
import dev.sluice.connectors.jdbc.RowChange.Kind;
import dev.sluice.connectors.jdbc.RowChange.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns records into {@link RowChange}s for one table: a plain record into an insert or upsert of
 * its value's fields (or of the {@code columns} expressions), a change event into an upsert of
 * its {@code after} or a delete by key. Checks everything the catalog can tell before the
 * database sees the row: unknown fields, generated columns, missing keys. Not thread-safe.
 */
final class RowMapping {

  private final JdbcConfig config;
  private final Table table;
  private final List<String> key;
  private final boolean upserts;

  /**
   * @param table the table as the catalog describes it
   * @param key the key columns, empty when the table has none and none is configured
   * @param upserts whether a unique index covers exactly the key, so upserts can name it
   */
  RowMapping(JdbcConfig config, Table table, List<String> key, boolean upserts) {
    this.config = config;
    this.table = table;
    this.key = List.copyOf(key);
    this.upserts = upserts;
  }

  /** The change {@code record} asks for. */
  RowChange change(Record record) throws RefusedRecord {
    Optional<ChangeEvent> event =
        config.changeEvents() ? ChangeEvent.of(record.value()) : Optional.empty();
    if (event.isEmpty()) {
      if (!(record.value() instanceof Map<?, ?> row)) {
        throw new RefusedRecord("the record's value is " + describe(record.value()) + ", not an "
            + "object whose fields are columns of " + table.name() + "; build one with a mapping "
            + "processor");
      }
      return write(config.upsert() ? Kind.UPSERT : Kind.INSERT, row);
    }
    ChangeEvent change = event.get();
    requireKey(change);
    if (change.delete()) {
      return delete(change, record.key());
    }
    if (change.after() == null) {
      throw new RefusedRecord("a change event with op '" + change.op() + "' has no after object, "
          + "so there is no row to write to " + table.name() + "; give it the row's new values");
    }
    return write(Kind.UPSERT, change.after());
  }

  /**
   * The columns and values {@code source} gives: the {@code columns} expressions evaluated on it,
   * or its own fields. Also used to create a table from a first record.
   */
  static Map<String, Object> columns(JdbcConfig config, Map<?, ?> source) throws RefusedRecord {
    Map<String, Object> values = new LinkedHashMap<>();
    if (config.columns().isEmpty()) {
      source.forEach((field, value) -> values.put(String.valueOf(field), value));
      return values;
    }
    for (Map.Entry<String, Expression> column : config.columns().entrySet()) {
      values.put(column.getKey(), evaluate(column.getKey(), column.getValue(), source));
    }
    return values;
  }

  private RowChange write(Kind kind, Map<?, ?> source) throws RefusedRecord {
    Map<String, Object> values = columns(config, source);
    for (String field : values.keySet()) {
      Table.Column column = table.columns().get(field);
      if (column == null && !config.ignoreUnknownFields()) {
        throw new RefusedRecord("the record's field '" + field + "' has no column in table "
            + table.name() + "; add the column (ALTER TABLE " + table.name().sql()
            + " ADD COLUMN " + TableName.quote(field) + " <type>), drop the field with a mapping "
            + "processor, or set ignoreUnknownFields: true", true);
      }
      if (column != null && column.generated()) {
        throw new RefusedRecord("the record's field '" + field + "' would set column " + field
            + " of " + table.name() + ", which the database generates; drop the field with a "
            + "mapping processor");
      }
    }
    if (kind == Kind.UPSERT) {
      for (String k : key) {
        if (values.get(k) == null) {
          throw new RefusedRecord("the record has no value for the key column '" + k + "' of "
              + table.name() + " (key " + key + "); give every record its key, or compute it "
              + "with columns");
        }
      }
    }
    List<String> columns = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (Table.Column column : table.columns().values()) {
      if (values.containsKey(column.name())) {
        columns.add(column.name());
        texts.add(PgText.render(values.get(column.name()), column));
      }
    }
    if (columns.isEmpty()) {
      throw new RefusedRecord("the record has no field for any column of " + table.name()
          + "; its fields are " + values.keySet() + ", the table's columns "
          + table.columns().keySet());
    }
    return new RowChange(new Shape(kind, columns), texts);
  }

  private RowChange delete(ChangeEvent event, Object recordKey) throws RefusedRecord {
    List<Map<?, ?>> sources = new ArrayList<>();
    if (event.before() != null) {
      sources.add(event.before());
    }
    if (recordKey instanceof Map<?, ?> map) {
      sources.add(map);
    }
    List<String> texts = new ArrayList<>();
    for (String k : key) {
      Expression expression = config.columns().get(k);
      Object value = null;
      for (int i = 0; value == null && i < sources.size(); i++) {
        Map<?, ?> source = sources.get(i);
        value = expression == null ? source.get(k) : evaluate(k, expression, source);
      }
      if (value == null) {
        throw new RefusedRecord("a delete event (op 'd') gives no value for the key column '" + k
            + "' of " + table.name() + ", neither in before nor in the record's key "
            + describe(recordKey) + "; deletes need the row's key");
      }
      texts.add(PgText.render(value, table.columns().get(k)));
    }
    return new RowChange(new Shape(Kind.DELETE, key), texts);
  }

  private void requireKey(ChangeEvent event) throws RefusedRecord {
    if (key.isEmpty()) {
      throw new RefusedRecord("change events are applied by key, but table " + table.name()
          + " has no primary key and no key is set; set key to the columns that identify a row");
    }
    if (!event.delete() && !upserts) {
      throw new RefusedRecord("change events are applied as upserts on the key " + key
          + ", but table " + table.name() + " has no unique index on exactly those columns; "
          + "create one (CREATE UNIQUE INDEX ON " + table.name().sql() + " (...)) or set key "
          + "to the primary key's columns");
    }
  }

  private static Object evaluate(String column, Expression expression, Map<?, ?> source)
      throws RefusedRecord {
    try {
      return expression.evaluate(source, Map.of());
    } catch (ExpressionException e) {
      throw new RefusedRecord("the expression for column '" + column + "' (" + expression.source()
          + ") failed: " + e.getMessage() + "; fix the expression or the record");
    }
  }

  private static String describe(Object value) {
    return switch (value) {
      case null -> "null";
      case String s -> "the string \"" + Excerpt.of(s) + "\"";
      case List<?> list -> "a list";
      case byte[] bytes -> bytes.length + " bytes";
      default -> Excerpt.of(String.valueOf(value));
    };
  }
}
