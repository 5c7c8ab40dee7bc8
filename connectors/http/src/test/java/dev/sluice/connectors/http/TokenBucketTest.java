package dev.sluice.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void allowsOneSecondsWorthAtOnceThenTheRate() {
    TokenBucket bucket = new TokenBucket(2, now::get);

    assertThat(bucket.take()).isZero();
    assertThat(bucket.take()).isZero();
    assertThat(bucket.take()).isEqualTo(Duration.ofMillis(500));

    now.addAndGet(Duration.ofMillis(500).toNanos());
    assertThat(bucket.take()).isZero();
    assertThat(bucket.take()).isPositive();
  }

  @Test
  void doesNotSaveUpMoreThanOneSecond() {
    TokenBucket bucket = new TokenBucket(3, now::get);
    now.addAndGet(Duration.ofMinutes(1).toNanos());

    for (int i = 0; i < 3; i++) {
      assertThat(bucket.take()).isZero();
    }
    assertThat(bucket.take()).isPositive();
  }
}
