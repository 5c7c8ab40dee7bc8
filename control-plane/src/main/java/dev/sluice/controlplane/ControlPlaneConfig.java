package dev.sluice.controlplane;

import dev.sluice.controlplane.gitops.GitSyncSource;
import dev.sluice.controlplane.grpc.TlsFiles;
import java.time.Duration;
import java.util.List;

/**
 * How to run a control plane.
 *
 * @param jdbcUrl the Postgres database that is the source of truth
 * @param dbUser database user, or {@code null} when the URL carries it
 * @param dbPassword database password, or {@code null}
 * @param kafkaBootstrapServers the system Kafka cluster that holds the control topics
 * @param replicationFactor replication factor of the control topics (1 on a single broker)
 * @param httpHost address the REST API listens on
 * @param httpPort REST API port; 0 picks a free one
 * @param grpcPort worker registry port; 0 picks a free one
 * @param joinToken the secret workers present when they register
 * @param secretKeyBase64 the 32-byte AES key (base64) that encrypts secrets at rest
 * @param lease how long a worker keeps its instances without a heartbeat
 * @param heartbeatInterval how often workers send heartbeats
 * @param registryTls TLS (or mutual TLS) of the worker registry, or {@code null} for plaintext
 * @param gitSync the Git repositories to follow (docs/gitops.md); empty for none
 */
public record ControlPlaneConfig(
    String jdbcUrl,
    String dbUser,
    String dbPassword,
    String kafkaBootstrapServers,
    short replicationFactor,
    String httpHost,
    int httpPort,
    int grpcPort,
    String joinToken,
    String secretKeyBase64,
    Duration lease,
    Duration heartbeatInterval,
    TlsFiles registryTls,
    List<GitSyncSource> gitSync) {

  public ControlPlaneConfig {
    gitSync = List.copyOf(gitSync);
  }

  /** A configuration without git sync. */
  public ControlPlaneConfig(String jdbcUrl, String dbUser, String dbPassword, String kafkaBootstrapServers,
      short replicationFactor, String httpHost, int httpPort, int grpcPort, String joinToken,
      String secretKeyBase64, Duration lease, Duration heartbeatInterval, TlsFiles registryTls) {
    this(jdbcUrl, dbUser, dbPassword, kafkaBootstrapServers, replicationFactor, httpHost, httpPort, grpcPort,
        joinToken, secretKeyBase64, lease, heartbeatInterval, registryTls, List.of());
  }

  /** This configuration following {@code sources} as well. */
  public ControlPlaneConfig withGitSync(List<GitSyncSource> sources) {
    return new ControlPlaneConfig(jdbcUrl, dbUser, dbPassword, kafkaBootstrapServers, replicationFactor, httpHost,
        httpPort, grpcPort, joinToken, secretKeyBase64, lease, heartbeatInterval, registryTls, sources);
  }
}
