package dev.sluice.controlplane.grpc;

import java.time.Duration;

/**
 * How the worker registry serves and what it tells workers.
 *
 * @param host the address to listen on; {@code 0.0.0.0} for every interface
 * @param port the port to listen on; 0 picks a free one (see {@link RegistryServer#port()})
 * @param joinToken the secret workers send as {@code authorization: Bearer <token>}
 * @param lease how long a worker's lease lasts without a heartbeat; 10 s by default
 * @param heartbeatInterval how often workers heartbeat; 3 s by default, shorter than the lease
 * @param kafkaBootstrapServers the system Kafka cluster that holds the control topics
 * @param tls the PEM files for TLS, or {@code null} for plaintext
 */
public record RegistryConfig(
    String host,
    int port,
    String joinToken,
    Duration lease,
    Duration heartbeatInterval,
    String kafkaBootstrapServers,
    TlsFiles tls) {

  /** Checks every field; a message names the field, the value and the fix. */
  public RegistryConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "registry port: " + port + " is not a TCP port; use 0..65535 (0 picks a free one)");
    }
    if (joinToken == null || joinToken.isBlank()) {
      throw new IllegalArgumentException("registry joinToken: empty; give the control plane a "
          + "join token and start workers with the same one");
    }
    if (lease == null || heartbeatInterval == null || heartbeatInterval.isNegative()
        || heartbeatInterval.isZero() || heartbeatInterval.compareTo(lease) >= 0) {
      throw new IllegalArgumentException("registry heartbeatInterval: " + heartbeatInterval
          + " must be positive and shorter than the lease " + lease
          + "; use about a third of the lease, e.g. 3s for a 10s lease");
    }
    if (kafkaBootstrapServers == null || kafkaBootstrapServers.isBlank()) {
      throw new IllegalArgumentException("registry kafkaBootstrapServers: empty; give the "
          + "bootstrap servers of the Kafka cluster that holds the control topics");
    }
  }

  /** Plaintext on every interface, a 10 s lease and a 3 s heartbeat. */
  public static RegistryConfig of(int port, String joinToken, String kafkaBootstrapServers) {
    return new RegistryConfig("0.0.0.0", port, joinToken, Duration.ofSeconds(10),
        Duration.ofSeconds(3), kafkaBootstrapServers, null);
  }

  /** This configuration with another lease and heartbeat interval. */
  public RegistryConfig withLease(Duration lease, Duration heartbeatInterval) {
    return new RegistryConfig(
        host, port, joinToken, lease, heartbeatInterval, kafkaBootstrapServers, tls);
  }

  /** This configuration served over TLS from {@code tls}. */
  public RegistryConfig withTls(TlsFiles tls) {
    return new RegistryConfig(
        host, port, joinToken, lease, heartbeatInterval, kafkaBootstrapServers, tls);
  }

  /** Everything but the join token. */
  @Override
  public String toString() {
    return "RegistryConfig[host=" + host + ", port=" + port + ", joinToken=(hidden), lease="
        + lease + ", heartbeatInterval=" + heartbeatInterval + ", kafkaBootstrapServers="
        + kafkaBootstrapServers + ", tls=" + tls + "]";
  }
}
