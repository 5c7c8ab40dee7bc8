package dev.sluice.processors.registry;

/**
 * A value that does not fit its Avro schema, at one place in the record.
 *
 * @see JsonToAvro
 */
final class SchemaMismatch extends Exception {

  private final String path;
  private final String shown;
  private final String expected;

  /**
   * @param path where in the value, such as {@code lines[1].qty}; empty for the value itself
   * @param shown the offending value as the message shows it, or {@code null} when it is missing
   * @param expected what the schema wants there, such as {@code an int}
   */
  SchemaMismatch(String path, String shown, String expected) {
    super(null, null, false, false);
    this.path = path;
    this.shown = shown;
    this.expected = expected;
  }

  /**
   * One sentence for a dead letter: the field, the value, what the schema expects, and the fix.
   *
   * @param schemaName the full name of the schema the record was checked against
   */
  String describe(String schemaName) {
    String where = path.isEmpty() ? "the value" : "field '" + path + "'";
    String what = shown == null ? " is missing" : " is " + shown;
    return "the record does not fit Avro schema " + schemaName + ": " + where + what
        + ", but the schema expects " + expected + "; fix the record (for example with a "
        + "mapping processor before this one) or the schema";
  }
}
