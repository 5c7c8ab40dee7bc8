package dev.sluice.controlplane.streams;

import dev.sluice.api.Problem;
import java.util.List;

/**
 * A stream document was refused because it does not validate and would have to: it is to run
 * ({@code spec.state: active}), or its identity (apiVersion, kind, name, namespace, state) cannot
 * be read. Carries every problem found. Nothing was changed. The REST layer answers 422.
 */
public final class InvalidDefinitionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  /**
   * @param summary one sentence on why the document was refused and how to get it accepted
   * @param problems every problem, at least one
   */
  public InvalidDefinitionException(String summary, List<Problem> problems) {
    super(summary + ": " + describe(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid definition has at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in document order. */
  public List<Problem> problems() {
    return problems;
  }

  private static String describe(List<Problem> problems) {
    Problem first = problems.get(0);
    String where = first.path().isEmpty() ? "" : first.path() + ": ";
    return where + first.message()
        + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
  }
}
