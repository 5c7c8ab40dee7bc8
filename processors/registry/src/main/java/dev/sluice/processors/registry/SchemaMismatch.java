package dev.sluice.processors.registry;

/**
 * A value that does not fit its schema, with what is wrong where.
 *
 * @see JsonToAvro
 * @see ProtobufJson
 */
final class SchemaMismatch extends Exception {

  private final String problem;

  /**
   * @param path where in the value, such as {@code lines[1].qty}; empty for the value itself
   * @param shown the offending value as the message shows it, or {@code null} when it is missing
   * @param expected what the schema wants there, such as {@code an int}
   */
  SchemaMismatch(String path, String shown, String expected) {
    this((path.isEmpty() ? "the value" : "field '" + path + "'")
        + (shown == null ? " is missing" : " is " + shown) + ", but the schema expects "
        + expected);
  }

  /** @param problem what does not fit, in the words of the library that found it */
  SchemaMismatch(String problem) {
    super(null, null, false, false);
    this.problem = problem;
  }

  /**
   * One sentence for a dead letter: the field, the value, what the schema expects, and the fix.
   *
   * @param schema the schema the record was checked against, such as {@code Avro schema
   *     com.example.Order}
   */
  String describe(String schema) {
    return "the record does not fit " + schema + ": " + problem + "; fix the record (for example "
        + "with a mapping processor before this one) or the schema";
  }
}
