package dev.sluice.dataplane.pipeline;

/**
 * A stage failed on a record and the stream's policy is {@code fail}: the instance stops, and this
 * message becomes its status error.
 */
public final class StageFailedException extends RuntimeException {

  StageFailedException(String stage, RecordSource source, Throwable cause) {
    super("stage " + stage + " failed on the record at " + source + ": " + describe(cause), cause);
  }

  static String describe(Throwable error) {
    String message = error.getMessage();
    return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
