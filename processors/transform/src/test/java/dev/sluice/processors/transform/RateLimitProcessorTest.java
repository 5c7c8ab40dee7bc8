package dev.sluice.processors.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.record.Record;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code rate_limit} in simulated time: the processor's waits move a fake clock, not the test. */
class RateLimitProcessorTest {

  private long now = 1_000_000_000L;
  private long waited;

  private RateLimitProcessor limiter(Map<String, Object> config, int instances) {
    RateLimitProcessor p = new RateLimitProcessor(() -> now, nanos -> {
      now += nanos;
      waited += nanos;
    });
    p.start(new TestContext(config, instances));
    return p;
  }

  @Test
  void aBurstOfOneIntervalPassesAtOnceThenRecordsAreSpacedEvenly() {
    RateLimitProcessor p = limiter(Map.of("count", 10, "interval", "1s"), 1);

    for (int i = 0; i < 10; i++) {
      assertThat(p.process(Record.of(i, 0))).hasSize(1);
    }
    assertThat(waited).as("the first interval's worth passes without waiting").isZero();
    for (int i = 0; i < 20; i++) {
      p.process(Record.of(i, 0));
    }
    assertThat(Duration.ofNanos(waited)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void eachInstanceTakesItsShareOfTheStreamsRate() {
    RateLimitProcessor p = limiter(Map.of("count", 100, "interval", "1s"), 4);

    for (int i = 0; i < 25 + 50; i++) {
      p.process(Record.of(i, 0));
    }
    assertThat(Duration.ofNanos(waited)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void timeThatPassedRefillsTheBucketUpToOneInterval() {
    RateLimitProcessor p = limiter(Map.of("count", 5, "interval", "1s"), 1);
    for (int i = 0; i < 5; i++) {
      p.process(Record.of(i, 0));
    }
    now += Duration.ofMinutes(1).toNanos();

    for (int i = 0; i < 5; i++) {
      p.process(Record.of(i, 0));
    }
    assertThat(waited).isZero();
    p.process(Record.of(6, 0));
    assertThat(Duration.ofNanos(waited)).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void anIntervalOverAMinuteIsRefusedWithTheWayToASlowerRate() {
    assertThat(RateLimitProvider.check(Map.of("count", 1, "interval", "5m"))).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("count: 1, interval: 1m is one a minute"));
  }
}
