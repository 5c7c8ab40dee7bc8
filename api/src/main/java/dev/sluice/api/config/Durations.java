package dev.sluice.api.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration syntax of config files: a whole number and a unit ({@code ms}, {@code s}, {@code
 * m}, {@code h}, {@code d}), as in {@code 250ms} or {@code 1m}, or an ISO-8601 duration such as
 * {@code PT1M30S}.
 */
public final class Durations {

  private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /** Parses {@code text}, or returns empty when it is not a duration in either syntax. */
  public static Optional<Duration> parse(String text) {
    Matcher m = SHORT.matcher(text.trim());
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      return Optional.of(
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
          });
    }
    try {
      return Optional.of(Duration.parse(text.trim()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
