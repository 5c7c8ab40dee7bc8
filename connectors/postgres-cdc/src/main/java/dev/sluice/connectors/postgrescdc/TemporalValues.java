package dev.sluice.connectors.postgrescdc;

import io.debezium.time.Date;
import io.debezium.time.MicroTime;
import io.debezium.time.MicroTimestamp;
import io.debezium.time.NanoTime;
import io.debezium.time.NanoTimestamp;
import io.debezium.time.Time;
import io.debezium.time.Timestamp;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Dates, times and timestamps as ISO-8601 text in the zone Postgres gives them: {@code date} as
 * {@code 2024-05-01}, {@code time} as {@code 12:34:56.123456}, {@code timestamp} (no zone) as
 * {@code 2024-05-01T12:34:56.123456}; {@code timestamptz} and {@code timetz} arrive from Debezium
 * as UTC text already ({@code 2024-05-01T10:34:56.5Z}) and are not touched here.
 *
 * <p>Debezium's adaptive mode gives whole numbers (days, micros since midnight or the epoch) that
 * this reads back by their schema name; its own {@code isostring} mode would append a {@code Z} to
 * values that have no zone.
 */
final class TemporalValues {

  private static final long MICROS_PER_SECOND = TimeUnit.SECONDS.toMicros(1);
  private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

  private TemporalValues() {}

  /**
   * {@code value} as ISO text if {@code logical} names one of Debezium's number-based temporal
   * types, else empty; a number out of range stays a number.
   */
  static Optional<Object> iso(String logical, Object value) {
    if (logical == null || !(value instanceof Number number)) {
      return Optional.empty();
    }
    long n = number.longValue();
    try {
      return Optional.ofNullable(switch (logical) {
        case Date.SCHEMA_NAME -> LocalDate.ofEpochDay(n).toString();
        case Time.SCHEMA_NAME -> time(LocalTime.ofNanoOfDay(TimeUnit.MILLISECONDS.toNanos(n)));
        case MicroTime.SCHEMA_NAME -> time(LocalTime.ofNanoOfDay(TimeUnit.MICROSECONDS.toNanos(n)));
        case NanoTime.SCHEMA_NAME -> time(LocalTime.ofNanoOfDay(n));
        case Timestamp.SCHEMA_NAME -> dateTime(Math.floorDiv(n, 1000),
            Math.floorMod(n, 1000) * 1_000_000L);
        case MicroTimestamp.SCHEMA_NAME -> dateTime(Math.floorDiv(n, MICROS_PER_SECOND),
            Math.floorMod(n, MICROS_PER_SECOND) * 1000L);
        case NanoTimestamp.SCHEMA_NAME -> dateTime(Math.floorDiv(n, NANOS_PER_SECOND),
            Math.floorMod(n, NANOS_PER_SECOND));
        default -> null;
      });
    } catch (DateTimeException e) {
      return Optional.of(value);
    }
  }

  private static String time(LocalTime time) {
    return DateTimeFormatter.ISO_LOCAL_TIME.format(time);
  }

  private static String dateTime(long epochSecond, long nanos) {
    return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
        LocalDateTime.ofEpochSecond(epochSecond, (int) nanos, ZoneOffset.UTC));
  }
}
