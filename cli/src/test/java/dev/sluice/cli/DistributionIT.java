package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarball the build makes ({@code target/sluice-<version>.tar.gz}), unpacked in a directory
 * outside the checkout, runs {@code bin/sluice dev} as a user would: the launcher finds a JDK,
 * the plugins under {@code plugins/} load (the {@code webhooks} example needs the http plugin),
 * the example streams under {@code examples/} run, and SIGTERM stops everything it started.
 */
class DistributionIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path outside;

  private final HttpClient http = HttpClient.newHttpClient();
  private Process sluice;

  @AfterEach
  void stopWhatIsLeft() throws InterruptedException {
    if (sluice != null && sluice.isAlive()) {
      sluice.destroy();
      if (!sluice.waitFor(1, TimeUnit.MINUTES)) {
        sluice.destroyForcibly();
      }
    }
  }

  @Test
  void unpackedElsewhereRunsTheExamplesAndStopsCleanlyOnSigterm() throws Exception {
    assertThat(outside.toRealPath().startsWith(CHECKOUT)).as("%s is outside %s", outside, CHECKOUT).isFalse();
    Path home = unpack(Path.of(System.getProperty("sluice.distribution")));
    assertThat(home.resolve("bin/sluice")).isExecutable();
    assertThat(home.resolve("bin/jdk.sh")).isRegularFile();
    assertThat(home.resolve("README.md")).isRegularFile();
    assertThat(home.resolve("plugins")).isDirectoryContaining(p -> p.endsWith("http"))
        .isDirectoryContaining(p -> p.endsWith("jdbc"))
        .isDirectoryContaining(p -> p.endsWith("postgres_cdc"));

    int kafkaPort = freePort();
    int postgresPort = freePort();
    int httpPort = freePort();
    int ingestPort = freePort();
    Path data = outside.resolve("data");
    Path log = outside.resolve("sluice-dev.log");
    ProcessBuilder command = new ProcessBuilder(home.resolve("bin/sluice").toString(), "dev",
        "--data-dir", data.toString(), "--kafka-port", Integer.toString(kafkaPort),
        "--postgres-port", Integer.toString(postgresPort), "--http-port", Integer.toString(httpPort),
        "--ingest-port", Integer.toString(ingestPort))
        .directory(outside.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    // What bin/sluice must set by itself, as it would be on a user's machine.
    command.environment().remove("SLUICE_HOME");
    command.environment().remove("SLUICE_PLUGINS");
    sluice = command.start();

    await("sluice dev to start (log: " + log + ")").atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> {
          assertThat(sluice.isAlive()).as("sluice dev exited early; see %s", log).isTrue();
          return Files.readString(log).contains("Sluice dev is running.");
        });
    assertThat(Files.readString(log)).contains("http://localhost:" + httpPort + "/api/v1",
        "4 streams from " + home.resolve("examples"));
    String token = Files.readString(data.resolve("admin.token")).strip();
    String status = "http://127.0.0.1:" + httpPort + "/api/v1/streams/%s/status";

    for (String generated : List.of("examples/orders-generate", "examples/orders-large")) {
      long first = awaitRunning(status.formatted(generated), token, 1);
      awaitRunning(status.formatted(generated), token, first + 1);
    }
    postWebhook(ingestPort);
    awaitRunning(status.formatted("examples/webhooks"), token, 1);

    assertThat(data.resolve("pg/postmaster.pid")).exists();
    sluice.destroy(); // SIGTERM
    assertThat(sluice.waitFor(2, TimeUnit.MINUTES)).as("sluice dev stopped on SIGTERM").isTrue();
    // A JVM that ran its shutdown hooks after SIGTERM exits with 128 + 15.
    assertThat(sluice.exitValue()).isEqualTo(143);
    assertThat(Files.readString(log)).contains("Stopped. Data kept in " + data)
        .doesNotContain("could not stop cleanly");
    // Postgres removes its pid file on a clean shutdown; nothing listens on the ports any more.
    assertThat(data.resolve("pg/postmaster.pid")).doesNotExist();
    for (int port : List.of(kafkaPort, postgresPort, httpPort, ingestPort)) {
      assertThat(listening(port)).as("something still listens on port %d", port).isFalse();
    }
  }

  private Path unpack(Path tarball) throws IOException, InterruptedException {
    assertThat(tarball).as("run mvn package first; the build writes the tarball").isRegularFile();
    Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", outside.toString())
        .redirectErrorStream(true).start();
    String output = new String(tar.getInputStream().readAllBytes());
    assertThat(tar.waitFor()).as("tar: %s", output).isZero();
    String top = tarball.getFileName().toString().replaceFirst("\\.tar\\.gz$", "");
    return outside.resolve(top);
  }

  /** One event into the webhooks example, retried until its http_server input listens. */
  private void postWebhook(int ingestPort) {
    HttpRequest webhook = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + ingestPort + "/ingest/examples/webhooks"))
        .header("Authorization", "Bearer dev-webhook-token-change-me")
        .POST(HttpRequest.BodyPublishers.ofString("{\"event\": \"signup\"}")).build();
    await("the webhooks example to accept an event").atMost(Duration.ofMinutes(2)).ignoreExceptions()
        .until(() -> http.send(webhook, HttpResponse.BodyHandlers.discarding()).statusCode() == 202);
  }

  /**
   * Waits until the status says {@code running} with at least {@code atLeast} records in; returns
   * the count seen.
   */
  private long awaitRunning(String statusUrl, String token, long atLeast) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(statusUrl))
        .header("Authorization", "Bearer " + token).build();
    long[] recordsIn = new long[1];
    await(statusUrl + " to be running with " + atLeast + "+ records in")
        .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
        .until(() -> {
          HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
          assertThat(response.statusCode()).isEqualTo(200);
          JsonNode status = JSON.readTree(response.body());
          assertThat(status.path("state").asText()).isNotEqualTo("failed");
          recordsIn[0] = status.path("recordsIn").asLong();
          return "running".equals(status.path("state").asText()) && recordsIn[0] >= atLeast;
        });
    return recordsIn[0];
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
