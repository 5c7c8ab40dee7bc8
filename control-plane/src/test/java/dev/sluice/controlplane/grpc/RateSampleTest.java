package dev.sluice.controlplane.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateSampleTest {

  private static final Instant T0 = Instant.parse("2026-11-01T12:00:00Z");

  @Test
  void theFirstReportOfARunHasNoRateYet() {
    RateSample first = RateSample.next(null, 100, 90, T0);

    assertThat(first).isEqualTo(new RateSample(T0, 100, 90, null, null));
  }

  @Test
  void computesRatesOverAtLeastOneSecond() {
    RateSample first = RateSample.next(null, 100, 90, T0);

    RateSample second = RateSample.next(first, 300, 190, T0.plusSeconds(2));

    assertThat(second).isEqualTo(new RateSample(T0.plusSeconds(2), 300, 190, 100.0, 50.0));
  }

  @Test
  void keepsThePreviousSampleWhenReportsComeFasterThanOneSecond() {
    RateSample measured = new RateSample(T0, 100, 90, 7.0, 6.0);

    assertThat(RateSample.next(measured, 150, 120, T0.plusMillis(400))).isSameAs(measured);
  }

  @Test
  void startsOverWhenTheCountersWentBack() {
    RateSample measured = new RateSample(T0, 100, 90, 7.0, 6.0);

    RateSample restarted = RateSample.next(measured, 5, 5, T0.plusSeconds(3));

    assertThat(restarted).isEqualTo(new RateSample(T0.plusSeconds(3), 5, 5, null, null));
  }
}
