package dev.sluice.connectors.http;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads an HTTP {@code Retry-After} header: seconds, or an HTTP date. */
final class RetryAfter {

  private RetryAfter() {}

  /** How long the server asks to wait, if it says; never negative. */
  static Optional<Duration> of(HttpHeaders headers, Clock clock) {
    return headers.firstValue("Retry-After").flatMap(value -> parse(value.trim(), clock));
  }

  private static Optional<Duration> parse(String value, Clock clock) {
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
    } catch (NumberFormatException e) {
      // not seconds: a date
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(clock.instant(), at.toInstant());
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
