package dev.sluice.definitions;

import dev.sluice.api.config.Durations;
import dev.sluice.api.definition.Named;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed reads of scalar values. Each read either returns the value or records one problem that
 * says what was expected, what was found and how to write it, and returns empty.
 */
final class Scalars {

  private final ProblemCollector problems;

  Scalars(ProblemCollector problems) {
    this.problems = problems;
  }

  Optional<String> string(Located at) {
    if (has(at, Tag.STR)) {
      return Optional.of(at.scalarText());
    }
    String fix = at.node() instanceof ScalarNode ? "; put it in quotes to make it text" : "";
    problems.add(at, "expected a string, got " + at.describe() + fix);
    return Optional.empty();
  }

  Optional<Long> integer(Located at, Long min, Long max) {
    if (!has(at, Tag.INT)) {
      problems.add(at, "expected " + range("an integer", min, max) + ", got " + at.describe());
      return Optional.empty();
    }
    long value;
    try {
      value = Long.parseLong(at.scalarText());
    } catch (NumberFormatException e) {
      problems.add(at, "the number " + at.scalarText() + " is too large; " + range("use an integer", min, max));
      return Optional.empty();
    }
    if ((min != null && value < min) || (max != null && value > max)) {
      problems.add(at, value + " is out of range; " + range("use an integer", min, max));
      return Optional.empty();
    }
    return Optional.of(value);
  }

  Optional<Double> number(Located at) {
    if (has(at, Tag.INT) || has(at, Tag.FLOAT)) {
      return Optional.of(Double.parseDouble(at.scalarText()));
    }
    problems.add(at, "expected a number, got " + at.describe());
    return Optional.empty();
  }

  Optional<Boolean> bool(Located at) {
    if (has(at, Tag.BOOL)) {
      return Optional.of(Boolean.parseBoolean(at.scalarText()));
    }
    problems.add(at, "expected true or false, got " + at.describe());
    return Optional.empty();
  }

  Optional<Duration> duration(Located at) {
    Optional<Duration> parsed = has(at, Tag.STR) ? Durations.parse(at.scalarText()) : Optional.empty();
    if (parsed.isEmpty()) {
      String fix = has(at, Tag.INT) ? "; add a unit, as in " + at.scalarText() + "s" : "";
      problems.add(at, "expected a duration such as 500ms, 5s, 1m or 1h, got " + at.describe() + fix);
    }
    return parsed;
  }

  /**
   * One of the words in {@code choices}, such as an enum field of a config spec. A number whose
   * text is a choice counts too: {@code acks: 1} means {@code "1"}.
   */
  Optional<String> choice(Located at, List<String> choices) {
    Optional<String> text = has(at, Tag.STR) || has(at, Tag.INT) ? Optional.of(at.scalarText()) : Optional.empty();
    if (text.isPresent() && choices.contains(text.get())) {
      return text;
    }
    String typed = text.orElse(at.render());
    problems.add(at, "'" + typed + "' is not allowed here; " + Suggestions.hint(typed, choices));
    return Optional.empty();
  }

  /** One of the constants of a {@link Named} enum, by its word. */
  <E extends Enum<E> & Named> Optional<E> word(Located at, Class<E> type) {
    E[] constants = type.getEnumConstants();
    List<String> words = Arrays.stream(constants).map(Named::word).toList();
    return choice(at, words).map(w -> constants[words.indexOf(w)]);
  }

  private static boolean has(Located at, Tag tag) {
    return at.node() instanceof ScalarNode s && s.getTag().equals(tag);
  }

  private static String range(String what, Long min, Long max) {
    if (min != null && max != null) {
      return what + " from " + min + " to " + max;
    }
    if (min != null) {
      return what + " of at least " + min;
    }
    return max != null ? what + " of at most " + max : what;
  }
}
