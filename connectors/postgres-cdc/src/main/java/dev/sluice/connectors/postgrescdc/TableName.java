package dev.sluice.connectors.postgrescdc;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A captured table, {@code schema.table}, with plain identifiers as Postgres stores them.
 *
 * @param schema the schema, such as {@code public}
 * @param table the table's name in it
 */
record TableName(String schema, String table) {

  private static final String IDENTIFIER = "[A-Za-z_][A-Za-z0-9_$]{0,62}";
  private static final Pattern QUALIFIED =
      Pattern.compile("(" + IDENTIFIER + ")\\.(" + IDENTIFIER + ")");

  /** The table {@code text} names, or empty when it is not {@code schema.table}. */
  static Optional<TableName> parse(String text) {
    Matcher m = QUALIFIED.matcher(text);
    return m.matches() ? Optional.of(new TableName(m.group(1), m.group(2))) : Optional.empty();
  }

  /**
   * The regular expression Debezium's include list needs for exactly this table: identifiers can
   * hold no other character of regex syntax than {@code $}, and the dot must not match any.
   */
  String includePattern() {
    return (schema + "." + table).replace("$", "\\$").replace(".", "\\.");
  }

  @Override
  public String toString() {
    return schema + "." + table;
  }
}
