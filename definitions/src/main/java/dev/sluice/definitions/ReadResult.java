package dev.sluice.definitions;

import dev.sluice.api.Problem;
import dev.sluice.api.definition.StreamDefinition;
import java.util.List;
import java.util.Optional;

/**
 * One document read from a source: the definition when it is valid, otherwise every problem.
 *
 * @param definition the definition, or {@code null} when there are problems
 * @param problems every problem found; empty when the definition is valid
 * @param line the 1-based line where the document starts in its source
 */
public record ReadResult(StreamDefinition definition, List<Problem> problems, int line) {

  public ReadResult {
    problems = List.copyOf(problems);
    if ((definition == null) == problems.isEmpty()) {
      throw new IllegalArgumentException("a result has either a definition or problems");
    }
  }

  static ReadResult valid(StreamDefinition definition, int line) {
    return new ReadResult(definition, List.of(), line);
  }

  static ReadResult invalid(List<Problem> problems, int line) {
    return new ReadResult(null, problems, line);
  }

  public boolean isValid() {
    return definition != null;
  }

  public Optional<StreamDefinition> validDefinition() {
    return Optional.ofNullable(definition);
  }
}
