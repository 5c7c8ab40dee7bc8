package dev.sluice.connectors.postgrescdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class TemporalValuesTest {

  @Test
  void datesTimesAndTimestampsBecomeIsoTextWithoutAZone() {
    long day = LocalDate.of(2024, 5, 1).toEpochDay();
    long micros = ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0),
        LocalDateTime.of(2024, 5, 1, 12, 34, 56, 123_456_000));

    assertThat(TemporalValues.iso("io.debezium.time.Date", (int) day)).hasValue("2024-05-01");
    assertThat(TemporalValues.iso("io.debezium.time.MicroTime", 45_296_000_001L))
        .hasValue("12:34:56.000001");
    assertThat(TemporalValues.iso("io.debezium.time.Time", 45_296_000)).hasValue("12:34:56");
    assertThat(TemporalValues.iso("io.debezium.time.MicroTimestamp", micros))
        .hasValue("2024-05-01T12:34:56.123456");
    assertThat(TemporalValues.iso("io.debezium.time.Timestamp", 0L))
        .hasValue("1970-01-01T00:00:00");
  }

  @Test
  void timestampsBeforeTheEpochKeepTheirFraction() {
    long micros = LocalDateTime.of(1969, 12, 31, 23, 59, 59, 500_000_000)
        .toEpochSecond(ZoneOffset.UTC) * 1_000_000 + 500_000;

    assertThat(TemporalValues.iso("io.debezium.time.MicroTimestamp", micros))
        .hasValue("1969-12-31T23:59:59.5");
  }

  @Test
  void otherValuesAreLeftAlone() {
    assertThat(TemporalValues.iso(null, 5L)).isEmpty();
    assertThat(TemporalValues.iso("io.debezium.time.ZonedTimestamp", "2024-05-01T10:00:00Z"))
        .isEmpty();
    assertThat(TemporalValues.iso("io.debezium.time.MicroTime", Long.MAX_VALUE))
        .hasValue(Long.MAX_VALUE);
  }
}
