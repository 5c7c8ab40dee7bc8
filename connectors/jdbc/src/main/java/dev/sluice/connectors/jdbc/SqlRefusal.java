package dev.sluice.connectors.jdbc;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The message for a record the database refused: the table, the column and value when they can be
 * told, the database's own words, and what to do about it.
 *
 * <p>Postgres names the column for some errors (not-null violations) but not for others: for a
 * value its type cannot parse ({@code invalid input syntax for type integer: "abc"}) the column is
 * found by the value quoted in the message, and failing that by the type named in it.
 */
final class SqlRefusal {

  private SqlRefusal() {}

  /** Why {@code table} refused {@code change}, as {@code failure} says. */
  static String message(Table table, RowChange change, SQLException failure) {
    SQLException cause = SqlStates.cause(failure);
    String state = cause.getSQLState() == null ? "" : cause.getSQLState();
    ServerErrorMessage server =
        cause instanceof PSQLException p ? p.getServerErrorMessage() : null;
    String said = server != null && server.getMessage() != null ? server.getMessage()
        : cause.getMessage();
    StringBuilder message = new StringBuilder("table ").append(table.name())
        .append(" refused the record: ").append(said);
    if (server != null && server.getDetail() != null) {
      message.append(" (").append(Excerpt.of(server.getDetail())).append(')');
    }
    String column = server != null && server.getColumn() != null ? server.getColumn()
        : column(table, change, said);
    if (column != null) {
      Table.Column known = table.columns().get(column);
      message.append("; column ").append(column)
          .append(known == null ? "" : " (" + known.type() + ")")
          .append(" = ").append(shown(change.valueOf(column)));
    }
    String constraint = server == null ? null : server.getConstraint();
    return message.append("; ").append(fix(state, table, column, constraint)).toString();
  }

  private static String fix(String state, Table table, String column, String constraint) {
    String columnName = column == null ? "the column" : "column " + column;
    return switch (state) {
      case "23505" -> "a row with this key exists already: use mode upsert to update it, or leave "
          + "the duplicate out";
      case "23502" -> columnName + " is NOT NULL: give the record a value for it, compute one "
          + "with columns, or give the column a default";
      case "23503" -> "the row it refers to does not exist: write that row first, or change the "
          + "foreign key " + constraint;
      case "23514", "23P01" -> "the row breaks the constraint " + constraint + ": correct such "
          + "records before the output (a mapping or filter processor) or change the constraint";
      case "42703" -> "the column is not in the table: add it, or drop the field";
      case "42P01" -> "the table " + table.name() + " does not exist (any more): create it";
      case "42501" -> "the user may not write to " + table.name() + ": grant it INSERT, UPDATE "
          + "and DELETE on the table";
      default -> state.startsWith("22")
          ? "the value does not fit " + columnName + "'s type: convert it before the output (a "
              + "mapping processor or a columns expression), or change the column's type"
          : "fix the record, or the table, as the database's message says";
    };
  }

  /** The column whose value the message quotes, or whose type it names; {@code null} if unsure. */
  private static String column(Table table, RowChange change, String said) {
    List<String> quoted = new ArrayList<>();
    List<String> typed = new ArrayList<>();
    String lower = said.toLowerCase(Locale.ROOT);
    for (String column : change.shape().columns()) {
      String value = change.valueOf(column);
      if (value != null && said.contains("\"" + value + "\"")) {
        quoted.add(column);
      }
      Table.Column known = table.columns().get(column);
      if (known != null && lower.contains("type " + known.type().toLowerCase(Locale.ROOT))) {
        typed.add(column);
      }
    }
    if (quoted.size() == 1) {
      return quoted.get(0);
    }
    return typed.size() == 1 ? typed.get(0) : null;
  }

  private static String shown(String value) {
    return value == null ? "NULL" : "\"" + Excerpt.of(value) + "\"";
  }
}
