package dev.sluice.connectors.jdbc;

/**
 * A record the sink cannot turn into a change, found before anything reaches the database. Its
 * message names the field or column, the value and the fix.
 */
final class RefusedRecord extends Exception {

  private final boolean unknownField;

  RefusedRecord(String message) {
    this(message, false);
  }

  /**
   * @param unknownField whether a field had no column: the table may have gained it since the
   *     sink read the catalog, so the sink reads it again before refusing the record for good
   */
  RefusedRecord(String message, boolean unknownField) {
    super(message, null, false, false);
    this.unknownField = unknownField;
  }

  boolean unknownField() {
    return unknownField;
  }
}
