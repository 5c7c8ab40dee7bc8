package dev.sluice.connectors.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one record asks of the table, ready to bind: the statement's shape and the values as
 * Postgres input text ({@code null} for SQL NULL), in the order of the shape's columns.
 *
 * @param shape which statement applies the change
 * @param values one per column of the shape
 */
record RowChange(Shape shape, List<String> values) {

  RowChange {
    if (values.size() != shape.columns().size()) {
      throw new IllegalArgumentException(
          values.size() + " values for the columns " + shape.columns());
    }
    values = Collections.unmodifiableList(new ArrayList<>(values));
  }

  /** How a change is applied. */
  enum Kind {
    /** {@code INSERT}. */
    INSERT,
    /** {@code INSERT ... ON CONFLICT (key) DO UPDATE}. */
    UPSERT,
    /** {@code DELETE ... WHERE key = ...}. */
    DELETE
  }

  /**
   * A statement: consecutive changes of equal shape go into one JDBC batch.
   *
   * @param kind how the change is applied
   * @param columns the columns written, in the table's order; for a delete, the key columns
   */
  record Shape(Kind kind, List<String> columns) {

    Shape {
      columns = List.copyOf(columns);
    }
  }

  /** The value given for {@code column}, as text; {@code null} when none or SQL NULL. */
  String valueOf(String column) {
    int i = shape.columns().indexOf(column);
    return i < 0 ? null : values.get(i);
  }
}
