package dev.sluice.cli;

import java.util.Map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.controlplane.ControlPlane;
import dev.sluice.controlplane.ControlPlaneConfig;
import dev.sluice.controlplane.grpc.TlsFiles;
import dev.sluice.controlplane.secrets.SecretCipher;
import dev.sluice.dataplane.pipeline.Components;
import dev.sluice.dataplane.worker.RegistryTls;
import dev.sluice.dataplane.worker.Worker;
import dev.sluice.dataplane.worker.WorkerConfig;
import dev.sluice.definitions.ComponentCatalog;
import dev.sluice.definitions.DefinitionReader;
import dev.sluice.expression.JsonataLanguage;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.KafkaExtension;
import dev.sluice.testkit.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker joins a control plane whose registry requires TLS, trusting its certificate (the
 * control plane's self-signed test certificate for localhost, shared with RegistryTlsIT).
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class WorkerTlsIT {

  private static final Path TLS = Path.of("../control-plane/src/test/resources/tls");

  @TempDir Path state;

  @Test
  @Timeout(60) // a worker that cannot register keeps retrying; this turns that into a failure
  void aWorkerRegistersOverTls(EmbeddedKafka kafka, EmbeddedPostgres postgres) throws Exception {
    ComponentCatalog catalog = ComponentCatalog.load(getClass().getClassLoader());
    TlsFiles server = new TlsFiles(TLS.resolve("registry-cert.pem"), TLS.resolve("registry-key.pem"), null);
    try (ControlPlane controlPlane = ControlPlane.start(new ControlPlaneConfig(postgres.createDatabase("worker_tls"),
            null, null, kafka.bootstrapServers(), (short) 1, "127.0.0.1", 0, 0, "join", SecretCipher.newKeyBase64(),
            Duration.ofSeconds(10), Duration.ofSeconds(1), server), catalog);
        Worker worker = new Worker(new WorkerConfig("localhost:" + controlPlane.grpcPort(), "tls-worker", "join", 4,
            state, "localhost", "test", -1, new RegistryTls(TLS.resolve("registry-cert.pem"), null, null), Map.of()),
            Components.load(getClass().getClassLoader()), new JsonataLanguage(), new DefinitionReader(catalog))) {
      worker.start();

      assertThat(worker.id()).isNotBlank();
      assertThat(worker.metricsPort()).isEqualTo(-1);
    }
  }
}
