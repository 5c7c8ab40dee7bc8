package dev.sluice.controlplane.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

  @Test
  void defaultsToATenSecondLeaseAndAThreeSecondHeartbeat() {
    RegistryConfig config = RegistryConfig.of(7400, "s3cret-token", "localhost:9092");

    assertThat(config.lease()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.tls()).isNull();
  }

  @Test
  void neverShowsTheJoinToken() {
    assertThat(RegistryConfig.of(7400, "s3cret-token", "localhost:9092").toString())
        .doesNotContain("s3cret-token")
        .contains("localhost:9092");
  }

  @Test
  void refusesAHeartbeatIntervalNotShorterThanTheLease() {
    RegistryConfig config = RegistryConfig.of(0, "t", "localhost:9092");

    assertThatThrownBy(() -> config.withLease(Duration.ofSeconds(2), Duration.ofSeconds(2)))
        .hasMessageContaining("heartbeatInterval: PT2S")
        .hasMessageContaining("shorter than the lease PT2S");
  }

  @Test
  void refusesAnEmptyJoinToken() {
    assertThatThrownBy(() -> RegistryConfig.of(0, " ", "localhost:9092"))
        .hasMessageContaining("joinToken: empty");
  }
}
