package dev.sluice.cli;

import dev.sluice.controlplane.ControlPlane;
import dev.sluice.controlplane.ControlPlaneConfig;
import dev.sluice.controlplane.secrets.SecretCipher;
import dev.sluice.controlplane.streams.SampleRunner;
import dev.sluice.definitions.ComponentCatalog;
import dev.sluice.testkit.EmbeddedKafka;
import java.time.Duration;

/**
 * A control plane for end-to-end tests: on the embedded broker and the given database, REST and
 * gRPC on free ports, plaintext, heartbeats every second.
 */
final class TestControlPlane {

  private TestControlPlane() {}

  static ControlPlane start(String database, EmbeddedKafka kafka, String joinToken, Duration lease,
      ComponentCatalog catalog) {
    return start(database, kafka, joinToken, lease, catalog, SampleRunner.UNAVAILABLE);
  }

  /** {@link #start(String, EmbeddedKafka, String, Duration, ComponentCatalog)}, running tests with {@code samples}. */
  static ControlPlane start(String database, EmbeddedKafka kafka, String joinToken, Duration lease,
      ComponentCatalog catalog, SampleRunner samples) {
    return ControlPlane.start(new ControlPlaneConfig(database, null, null, kafka.bootstrapServers(), (short) 1,
        "127.0.0.1", 0, 0, joinToken, SecretCipher.newKeyBase64(), lease, Duration.ofSeconds(1), null), catalog,
        samples);
  }
}
