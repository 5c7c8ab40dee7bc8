package dev.sluice.controlplane.gitops;

import java.util.List;

/**
 * An apply was refused before anything changed: some document of the set does not validate, two
 * documents name the same stream, or the request itself is malformed. Carries every problem found.
 * The REST layer answers 422.
 */
public final class InvalidApplySetException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<SourcedProblem> problems;

  /** @param problems every problem, at least one */
  public InvalidApplySetException(List<SourcedProblem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, file by file in request order. */
  public List<SourcedProblem> problems() {
    return problems;
  }

  private static String describe(List<SourcedProblem> problems) {
    SourcedProblem first = problems.get(0);
    String where = first.problem().hasPosition()
        ? first.source() + ":" + first.problem().line() + ":" + first.problem().column() : first.source();
    return "nothing was applied: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
        + " in the apply set, the first at " + where + ": "
        + (first.problem().path().isEmpty() ? "" : first.problem().path() + ": ") + first.problem().message();
  }
}
