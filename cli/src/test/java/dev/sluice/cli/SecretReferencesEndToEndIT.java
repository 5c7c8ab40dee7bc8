package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.component.ComponentContext;
import dev.sluice.controlplane.ControlPlane;
import dev.sluice.controlplane.auth.Role;
import dev.sluice.dataplane.worker.Worker;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.KafkaExtension;
import dev.sluice.testkit.PostgresExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret references through a real control plane and worker: the worker resolves an {@code
 * http_server} token from the secret store, the API keeps and shows the reference, a missing secret
 * refuses an active stream on save and fails an instance on its worker, sample runs refuse a
 * processor that refers to a secret, and the live tap after each processor shows samples with the
 * secret's value hidden.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class SecretReferencesEndToEndIT {

  private static final Path PLUGINS = Path.of("../target/plugins");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET_VALUE = "the-webhook-token-value-" + UUID.randomUUID();
  private static final String REFERENCE = "${secret:webhook-token}";

  @TempDir Path state;
  private final HttpClient http = HttpClient.newHttpClient();
  private InstalledComponents installed;
  private ControlPlane controlPlane;
  private Worker worker;
  private String adminToken;
  private int ingestPort;

  @BeforeEach
  void start(EmbeddedKafka kafka, EmbeddedPostgres postgres) throws Exception {
    installed = InstalledComponents.load(PLUGINS, line -> { });
    controlPlane = TestControlPlane.start(postgres.createDatabase("secrets_e2e_" + System.nanoTime()), kafka,
        "join", Duration.ofSeconds(10), installed.catalog(), new EngineSampleRunner(installed.components()));
    adminToken = "sluice_it-admin-" + UUID.randomUUID();
    controlPlane.tokens().ensureToken("it-admin", adminToken, Role.ADMIN, List.of("*"));
    ingestPort = freePort();
  }

  private void startWorker() throws InterruptedException {
    worker = TestWorker.start(controlPlane, "secrets-worker", state.resolve("worker"), installed.components(),
        installed.catalog(), Map.of(ComponentContext.INGEST_PORT, Integer.toString(ingestPort)));
  }

  @AfterEach
  void stop() throws Exception {
    if (worker != null) {
      worker.close();
    }
    if (controlPlane != null) {
      controlPlane.close();
    }
    if (installed != null) {
      installed.close();
    }
  }

  private static String webhooks(String name, String reference) {
    return """
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: %s, namespace: it}
        spec:
          input: {http_server: {token: '%s'}}
          output: {kafka: {topic: %s}}
        """.formatted(name, reference, name);
  }

  @Test
  void theWorkerResolvesTheTokenWhileTheApiKeepsTheReference() throws Exception {
    startWorker();
    HttpResponse<String> refused = api("POST", "/api/v1/streams", webhooks("hooks", REFERENCE));
    assertThat(refused.statusCode()).isEqualTo(422);
    JsonNode problem = JSON.readTree(refused.body()).path("problems").get(0);
    assertThat(problem.path("path").asText()).isEqualTo("spec.input.http_server.token");
    assertThat(problem.path("message").asText()).isEqualTo("secret 'webhook-token' does not exist in namespace "
        + "'it'; create it with PUT /api/v1/secrets/it/webhook-token");

    JsonNode validated = JSON.readTree(api("POST", "/api/v1/validate", webhooks("hooks", REFERENCE)).body());
    assertThat(validated.path("valid").asBoolean()).isFalse();
    assertThat(validated.path("documents").path(0).path("problems").path(0).path("message").asText())
        .isEqualTo(problem.path("message").asText());

    assertThat(api("PUT", "/api/v1/secrets/it/webhook-token", SECRET_VALUE).statusCode()).isEqualTo(204);
    assertThat(api("POST", "/api/v1/streams", webhooks("hooks", REFERENCE)).statusCode()).isEqualTo(201);

    URI ingest = URI.create("http://127.0.0.1:" + ingestPort + "/ingest/it/hooks");
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
        .until(() -> post(ingest, SECRET_VALUE, "{\"event\": \"signup\"}") == 202);
    assertThat(post(ingest, REFERENCE, "{\"event\": \"forged\"}")).isEqualTo(401);

    HttpResponse<String> stream = api("GET", "/api/v1/streams/it/hooks", null);
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.body()).contains(REFERENCE).doesNotContain(SECRET_VALUE);
    HttpResponse<String> status = api("GET", "/api/v1/streams/it/hooks/status", null);
    assertThat(status.body()).doesNotContain(SECRET_VALUE);
  }

  @Test
  void theTapAfterEachProcessorShowsSamplesWithTheSecretHidden() throws Exception {
    startWorker();
    assertThat(api("PUT", "/api/v1/secrets/it/webhook-token", SECRET_VALUE).statusCode()).isEqualTo(204);
    String stream = webhooks("tapped", REFERENCE).replace("  output:", """
          pipeline:
            processors:
              - mapping: '$merge([$, {"mapped": true}])'
              - filter: 'event != "view"'
          output:""".indent(2).stripTrailing());
    assertThat(api("POST", "/api/v1/streams", stream).statusCode()).isEqualTo(201);

    JsonNode points = JSON.readTree(api("GET", "/api/v1/streams/it/tapped/tap/points", null).body()).path("items");
    assertThat(points.findValuesAsText("point"))
        .containsExactly("input", "p0-mapping", "p1-filter", "output", "dead-letters");
    assertThat(points.path(1).path("label").asText()).isEqualTo("After processor 1 (mapping), sampled");
    HttpResponse<String> nowhere = api("GET", "/api/v1/streams/it/tapped/tap?at=p7-mapping&wait=1", null);
    assertThat(nowhere.statusCode()).isEqualTo(400);
    assertThat(nowhere.body()).contains("at=p7-mapping is not a point of stream it/tapped; use one of input, "
        + "p0-mapping, p1-filter, output, dead-letters");

    URI ingest = URI.create("http://127.0.0.1:" + ingestPort + "/ingest/it/tapped");
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
        .until(() -> post(ingest, SECRET_VALUE, "{\"event\": \"warm-up\"}") == 202);
    String mapping = JSON.readTree(api("GET", "/api/v1/streams/it/tapped/tap?at=p0-mapping&wait=1", null).body())
        .path("next").asText();
    String filter = JSON.readTree(api("GET", "/api/v1/streams/it/tapped/tap?at=p1-filter&wait=1", null).body())
        .path("next").asText();
    assertThat(post(ingest, SECRET_VALUE, "{\"event\": \"view\", \"note\": \"leaked " + SECRET_VALUE + "\"}"))
        .isEqualTo(202);

    JsonNode mapped = await().atMost(Duration.ofSeconds(30)).until(() -> view(tapped("p0-mapping", mapping)),
        view -> !view.isMissingNode());
    assertThat(mapped.path("stage").asText()).isEqualTo("p0-mapping");
    assertThat(mapped.path("value").path("mapped").asBoolean()).isTrue();
    assertThat(mapped.path("value").path("note").asText()).isEqualTo("leaked " + REFERENCE);
    assertThat(mapped.toString()).doesNotContain(SECRET_VALUE);
    // The filter dropped the view: it handed nothing on, so there is nothing of it to sample.
    assertThat(view(tapped("p1-filter", filter)).isMissingNode()).isTrue();
  }

  /** The samples after {@code cursor} at {@code point} of stream it/tapped, waiting a little for one. */
  private JsonNode tapped(String point, String cursor) throws Exception {
    HttpResponse<String> answer = api("GET", "/api/v1/streams/it/tapped/tap?wait=2&at=" + point + "&cursor="
        + URLEncoder.encode(cursor, StandardCharsets.UTF_8), null);
    assertThat(answer.statusCode()).isEqualTo(200);
    return JSON.readTree(answer.body()).path("items");
  }

  /** The sample of the "view" event among {@code items}, or a missing node. */
  private static JsonNode view(JsonNode items) {
    for (JsonNode item : items) {
      if (item.path("value").path("event").asText().equals("view")) {
        return item;
      }
    }
    return JSON.missingNode();
  }

  @Test
  void aSecretDeletedAfterSaveFailsTheInstanceNamingTheSecretAndTheFix() throws Exception {
    assertThat(api("PUT", "/api/v1/secrets/it/gone-token", SECRET_VALUE).statusCode()).isEqualTo(204);
    assertThat(api("POST", "/api/v1/streams", webhooks("gone", "${secret:gone-token}")).statusCode())
        .isEqualTo(201);
    assertThat(api("DELETE", "/api/v1/secrets/it/gone-token", null).statusCode()).isEqualTo(204);
    startWorker();

    await().atMost(Duration.ofSeconds(60)).until(() ->
        JSON.readTree(api("GET", "/api/v1/streams/it/gone/status", null).body()).path("instances").path(0)
            .path("state").asText().equals("failed"));
    String error = JSON.readTree(api("GET", "/api/v1/streams/it/gone/status", null).body())
        .path("instances").path(0).path("error").asText();
    assertThat(error).isEqualTo("spec.input.http_server.token: secret 'gone-token' does not exist in namespace "
        + "'it'; create it with PUT /api/v1/secrets/it/gone-token");
  }

  @Test
  void sampleRunsIgnoreReferencesOfInputsAndRefuseThoseOfProcessors() throws Exception {
    String withProcessor = webhooks("sampled", REFERENCE).replace("  output:",
        "  pipeline: {processors: [{split: {field: items, as: '${secret:item-field}'}}]}\n  output:");
    String body = JSON.writeValueAsString(Map.of("document", webhooks("sampled", REFERENCE),
        "input", List.of(Map.of("value", Map.of("event", "signup")))));

    HttpResponse<String> ran = api("POST", "/api/v1/test", body);
    HttpResponse<String> refused = api("POST", "/api/v1/test", JSON.writeValueAsString(Map.of(
        "document", withProcessor, "input", List.of(Map.of("value", Map.of("items", List.of(1)))))));

    assertThat(ran.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(ran.body()).path("output").path(0).path("value").path("event").asText())
        .isEqualTo("signup");
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("spec.pipeline.processors[0].split.as refers to secret 'item-field'",
        "sample runs do not resolve secrets");
  }

  private HttpResponse<String> api(String method, String path, String body) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + controlPlane.httpPort() + path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .header("Authorization", "Bearer " + adminToken)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private int post(URI uri, String token, String body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
