package dev.sluice.api;

import java.util.Objects;

/**
 * One thing wrong with user input, precise enough to fix without guessing.
 *
 * <p>Validators collect every problem they find rather than stopping at the first, so a user
 * fixes a whole file in one round trip.
 *
 * @param path where the problem is, in dotted form with list indexes, such as {@code
 *     spec.pipeline.processors[1].mapping}; empty for the document as a whole
 * @param value the offending value as the user wrote it (shortened when long), or {@code null}
 *     when the problem is something missing
 * @param message what is wrong and how to fix it, in one sentence
 * @param line 1-based line in the source text, or 0 when the input had no positions
 * @param column 1-based column in the source text, or 0 when the input had no positions
 */
public record Problem(String path, String value, String message, int line, int column) {

  public Problem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** A problem in input that carries no source positions (for example a Java map). */
  public static Problem at(String path, String value, String message) {
    return new Problem(path, value, message, 0, 0);
  }

  /** Whether this problem knows where in the source text it is. */
  public boolean hasPosition() {
    return line > 0;
  }
}
