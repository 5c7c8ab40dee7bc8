package dev.sluice.api.error;

import dev.sluice.api.Problem;
import java.util.List;

/**
 * The component cannot start with this configuration. Carries every problem found, each with the
 * path of the field (relative to the component's config) and how to fix it.
 */
public final class ConfigException extends ComponentException {

  private final List<Problem> problems;

  public ConfigException(List<Problem> problems) {
    super(summary(problems), null);
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String summary(List<Problem> problems) {
    return problems.stream().map(p -> p.path() + ": " + p.message()).reduce((a, b) -> a + "; " + b)
        .orElse("invalid configuration");
  }
}
