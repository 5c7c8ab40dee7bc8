package dev.sluice.definitions;

import dev.sluice.api.Problem;
import java.util.ArrayList;
import java.util.List;

/** Gathers every problem of one document, in the order found. */
final class ProblemCollector {

  private final List<Problem> problems = new ArrayList<>();

  /** Something is wrong with the value at {@code at}. */
  void add(Located at, String message) {
    problems.add(new Problem(at.path(), at.render(), message, at.line(), at.column()));
  }

  /** Something is wrong at the character {@code offset} of the scalar value at {@code at}. */
  void addAt(Located at, int offset, String message) {
    problems.add(new Problem(at.path(), at.render(), message, at.line(), at.columnAt(offset)));
  }

  /** The field {@code key} is missing from the object at {@code parent}. */
  void missing(Located parent, String key, String message) {
    String path = parent.path().isEmpty() ? key : parent.path() + "." + key;
    problems.add(new Problem(path, null, message, parent.line(), parent.column()));
  }

  /** A problem of the whole document at {@code at} rather than of one value. */
  void document(Located at, String message) {
    problems.add(new Problem(at.path(), null, message, at.line(), at.column()));
  }

  /**
   * A component's own problem, whose path is relative to the component's configuration at {@code
   * config}; placed at the deepest node of that path the document has.
   */
  void near(Located config, Problem relative) {
    Located at = config.descend(relative.path());
    String path = relative.path().isEmpty() ? config.path() : config.path() + "." + relative.path();
    problems.add(new Problem(path, relative.value(), relative.message(), at.line(), at.column()));
  }

  int size() {
    return problems.size();
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  List<Problem> toList() {
    return List.copyOf(problems);
  }
}
