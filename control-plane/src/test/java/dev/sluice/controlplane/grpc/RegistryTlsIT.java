package dev.sluice.controlplane.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.controlplane.scheduler.SchedulingFixtures;
import dev.sluice.controlplane.store.ControlPlaneDatabase;
import dev.sluice.controlplane.streams.TestStreams;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.PostgresExtension;
import io.grpc.ChannelCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registry over TLS and mutual TLS, with the test certificate in {@code /tls}. */
@ExtendWith(PostgresExtension.class)
class RegistryTlsIT {

  private static final String TOKEN = "tls-token";

  private static ControlPlaneDatabase database;
  private static Path cert;
  private static Path key;

  @BeforeAll
  static void open(EmbeddedPostgres postgres) throws URISyntaxException {
    database = SchedulingFixtures.open(postgres, "registry_tls_it");
    cert = Path.of(RegistryTlsIT.class.getResource("/tls/registry-cert.pem").toURI());
    key = Path.of(RegistryTlsIT.class.getResource("/tls/registry-key.pem").toURI());
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Test
  void servesWorkersThatTrustItsCertificateAndRefusesPlaintext() throws IOException {
    try (RegistryServer server = start(new TlsFiles(cert, key, null));
        RegistryClient trusting = RegistryClient.connect(server.port(),
            TlsChannelCredentials.newBuilder().trustManager(cert.toFile()).build(), TOKEN);
        RegistryClient plaintext = RegistryClient.plaintext(server.port(), TOKEN)) {
      assertThat(trusting.register("tls-worker").getWorkerId()).isNotEmpty();
      assertThatThrownBy(() -> plaintext.register("plain-worker"))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    }
  }

  @Test
  void withAClientCaRequiresAWorkerCertificate() throws IOException {
    ChannelCredentials withCertificate = TlsChannelCredentials.newBuilder()
        .trustManager(cert.toFile())
        .keyManager(cert.toFile(), key.toFile())
        .build();
    ChannelCredentials without =
        TlsChannelCredentials.newBuilder().trustManager(cert.toFile()).build();
    try (RegistryServer server = start(new TlsFiles(cert, key, cert));
        RegistryClient identified = RegistryClient.connect(server.port(), withCertificate, TOKEN);
        RegistryClient anonymous = RegistryClient.connect(server.port(), without, TOKEN)) {
      assertThat(identified.register("mtls-worker").getWorkerId()).isNotEmpty();
      assertThatThrownBy(() -> anonymous.register("anonymous-worker"))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    }
  }

  @Test
  void namesAMissingFile() {
    TlsFiles missing = new TlsFiles(cert, Path.of("/no/such/key.pem"), null);

    assertThatThrownBy(() -> start(missing))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("privateKey: /no/such/key.pem is not a readable file");
  }

  private static RegistryServer start(TlsFiles tls) {
    return RegistryServer.start(
        RegistryConfig.of(0, TOKEN, "localhost:9092").withTls(tls), database.jdbi(),
        TestStreams.secrets(database.jdbi()), () -> {});
  }
}
