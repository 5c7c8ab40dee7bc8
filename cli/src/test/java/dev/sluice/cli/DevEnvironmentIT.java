package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Boots what {@code sluice dev} boots, on free ports: Kafka, Postgres, control plane, worker and
 * the examples, and watches the example streams run through the REST API.
 */
class DevEnvironmentIT {

  /** The plugin directories the build assembles (connectors/plugin-parent). */
  private static final Path PLUGINS = Path.of("../target/plugins");

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;

  private final StringWriter progress = new StringWriter();
  private final HttpClient http = HttpClient.newHttpClient();
  private int ingestPort;

  private DevEnvironment start() throws Exception {
    ingestPort = freePort();
    return DevEnvironment.start(new DevEnvironment.Settings(
        data, freePort(), freePort(), freePort(), ingestPort, Path.of("../examples"),
        PLUGINS), new PrintWriter(progress, true));
  }

  @Test
  void runsTheExamplesAndASecondStartReusesTheData() throws Exception {
    String token;
    try (DevEnvironment env = start()) {
      assertThat(progress.toString().lines()).hasSize(5).allMatch(l -> l.contains("ready in"));
      assertThat(env.examples().created())
          .containsExactlyInAnyOrder("examples/orders-generate", "examples/orders-large", "examples/webhooks",
              "examples/five-stage-pipeline");
      token = env.adminToken();
      assertThat(Files.readString(DevEnvironment.tokenFile(data)).strip()).isEqualTo(token);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DevEnvironment.tokenFile(data))))
          .isEqualTo("rw-------");
      assertThat(get(env, "/api/v1/streams", null).statusCode()).isEqualTo(401);

      StringWriter cliOut = new StringWriter();
      CommandLine cli = SluiceCommand.commandLine();
      cli.setOut(new PrintWriter(cliOut, true));
      cli.setErr(new PrintWriter(cliOut, true));
      String server = "http://127.0.0.1:" + env.httpPort();
      assertThat(cli.execute("admin", "republish", "--server", server, "--token", "sluice_wrong")).isEqualTo(2);
      assertThat(cliOut.toString()).contains("HTTP 401");
      assertThat(cli.execute("admin", "republish", "--server", server, "--token", token)).isZero();
      assertThat(cliOut.toString()).contains("republished: {", "\"streams\":4");

      long first = awaitRecordsOut(env, token, "examples/orders-generate", 1);
      awaitRecordsOut(env, token, "examples/orders-generate", first + 1);
      awaitRecordsOut(env, token, "examples/orders-large", 1);
      HttpRequest webhook = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestPort + "/ingest/examples/webhooks"))
          .header("Authorization", "Bearer dev-webhook-token-change-me")
          .POST(HttpRequest.BodyPublishers.ofString("{\"event\": \"signup\"}")).build();
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
          .until(() -> http.send(webhook, HttpResponse.BodyHandlers.discarding()).statusCode() == 202);
      awaitRecordsOut(env, token, "examples/webhooks", 1);
    }

    progress.getBuffer().setLength(0);
    try (DevEnvironment env = start()) {
      assertThat(env.adminToken()).isEqualTo(token);
      assertThat(env.examples().unchanged())
          .containsExactlyInAnyOrder("examples/orders-generate", "examples/orders-large", "examples/webhooks",
              "examples/five-stage-pipeline");
      awaitRecordsOut(env, token, "examples/orders-generate", 1);
    }
  }

  @Test
  void refusesASecondInstanceOnTheSameDataDirectory() throws Exception {
    try (DevEnvironment first = start()) {
      assertThatThrownBy(this::start)
          .isInstanceOf(UserError.class)
          .hasMessage("another sluice dev is already using " + data
              + "; stop it first, or pass --data-dir with another directory");
      assertThat(first.kafka().bootstrapServers()).isNotEmpty();
    }
  }

  @Test
  void namesTheOptionWhenAPortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      assertThatThrownBy(() -> DevEnvironment.start(new DevEnvironment.Settings(
              data, taken.getLocalPort(), freePort(), freePort(), freePort(), Path.of("../examples"), PLUGINS),
              new PrintWriter(progress, true)))
          .isInstanceOf(UserError.class)
          .hasMessageContaining("port " + taken.getLocalPort() + " is in use")
          .hasMessageContaining("--kafka-port");
    }
    assertThat(progress.toString()).contains("Kafka", "failed");
  }

  /** Waits until the stream's status reports at least {@code atLeast} records out; returns the count. */
  private long awaitRecordsOut(DevEnvironment env, String token, String stream, long atLeast) {
    long[] seen = new long[1];
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
      HttpResponse<String> response = get(env, "/api/v1/streams/" + stream + "/status", token);
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode status = JSON.readTree(response.body());
      assertThat(status.path("state").asText()).isNotEqualTo("failed");
      seen[0] = status.path("recordsOut").asLong();
      return seen[0] >= atLeast;
    });
    return seen[0];
  }

  private HttpResponse<String> get(DevEnvironment env, String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + env.httpPort() + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
