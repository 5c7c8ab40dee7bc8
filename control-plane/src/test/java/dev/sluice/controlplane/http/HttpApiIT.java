package dev.sluice.controlplane.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.controlplane.ControlPlane;
import dev.sluice.controlplane.ControlPlaneConfig;
import dev.sluice.controlplane.auth.Role;
import dev.sluice.controlplane.secrets.SecretCipher;
import dev.sluice.definitions.ComponentCatalog;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.KafkaExtension;
import dev.sluice.testkit.PostgresExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** The REST API on a real control plane: stream lifecycle, concurrency, validation, auth, secrets. */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET_VALUE = "s3cr3t-" + UUID.randomUUID();
  private static final String STREAM = """
      apiVersion: sluice.dev/v1
      kind: Stream
      metadata: {name: orders, namespace: shop}
      spec:
        input: {generate: {template: '{"id": $seq}', count: %d}}
        output: {kafka: {topic: orders}}
      """;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private ControlPlane controlPlane;
  private String admin;
  private String editor;
  private String viewer;
  private String otherEditor;

  @BeforeAll
  void start(EmbeddedKafka kafka, EmbeddedPostgres postgres) {
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    controlPlane = ControlPlane.start(new ControlPlaneConfig(postgres.createDatabase("http_api"), null, null,
        kafka.bootstrapServers(), (short) 1, "127.0.0.1", 0, 0, "join", SecretCipher.newKeyBase64(),
        Duration.ofSeconds(10), Duration.ofSeconds(3), null), ComponentCatalog.load(getClass().getClassLoader()));
    admin = token("admin", Role.ADMIN, "*");
    editor = token("editor", Role.EDITOR, "shop");
    viewer = token("viewer", Role.VIEWER, "shop");
    otherEditor = token("other-editor", Role.EDITOR, "other");
  }

  @AfterAll
  void stop() {
    controlPlane.close();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
  }

  private String token(String name, Role role, String namespace) {
    String plaintext = "sluice_" + name + "-" + UUID.randomUUID();
    controlPlane.tokens().ensureToken(name, plaintext, role, List.of(namespace));
    return plaintext;
  }

  @Test
  void streamLifecycleWithRevisionsConflictsValidationAndRollback() throws Exception {
    HttpResponse<String> created = call("POST", "/api/v1/streams", editor, STREAM.formatted(10));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(json(created).path("resourceVersion").asLong()).isEqualTo(1);
    assertThat(call("POST", "/api/v1/streams", editor, STREAM.formatted(10)).statusCode()).isEqualTo(409);

    assertThat(call("PUT", "/api/v1/streams/shop/orders?resourceVersion=1", editor, STREAM.formatted(20))
        .statusCode()).isEqualTo(200);
    HttpResponse<String> stale = call("PUT", "/api/v1/streams/shop/orders?resourceVersion=1", editor,
        STREAM.formatted(30));
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(stale.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json(call("GET", "/api/v1/streams/shop/orders", viewer, null)).path("resourceVersion").asLong())
        .isEqualTo(2);

    String invalid = STREAM.formatted(0).replace("kafka: {topic: orders}", "kafka: {topik: orders}");
    HttpResponse<String> refused = call("PUT", "/api/v1/streams/shop/orders", editor, invalid);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(json(refused).path("problems")).extracting(p -> p.path("path").asText())
        .containsExactlyInAnyOrder("spec.input.generate.count", "spec.output.kafka.topic", "spec.output.kafka.topik");
    assertThat(json(refused).path("problems").get(0).path("line").asInt()).isPositive();

    HttpResponse<String> paused = call("PUT", "/api/v1/streams/shop/orders", editor,
        invalid.replace("spec:\n", "spec:\n  state: paused\n"));
    assertThat(paused.statusCode()).isEqualTo(200);
    assertThat(json(paused).path("valid").asBoolean()).isFalse();
    assertThat(json(paused).path("resourceVersion").asLong()).isEqualTo(3);

    HttpResponse<String> rolledBack = call("POST", "/api/v1/streams/shop/orders/rollback?to=1", editor, null);
    assertThat(rolledBack.statusCode()).isEqualTo(200);
    assertThat(json(rolledBack).path("resourceVersion").asLong()).isEqualTo(4);
    JsonNode first = json(call("GET", "/api/v1/streams/shop/orders/revisions/1", viewer, null));
    JsonNode fourth = json(call("GET", "/api/v1/streams/shop/orders/revisions/4", viewer, null));
    assertThat(fourth.path("definition")).isEqualTo(first.path("definition"));
    assertThat(json(call("GET", "/api/v1/streams/shop/orders/revisions", viewer, null)).path("items")).hasSize(4);
  }

  @Test
  void everyRouteAsksForATokenAndTheRightRoleAndNamespace() throws Exception {
    call("POST", "/api/v1/streams", admin, STREAM.formatted(5).replace("name: orders", "name: guarded"));
    record Route(String method, String path, String body, boolean write, boolean adminOnly) {}
    String doc = STREAM.formatted(5).replace("name: orders", "name: guarded");
    List<Route> routes = List.of(
        new Route("GET", "/api/v1/streams?namespace=shop", null, false, false),
        new Route("POST", "/api/v1/streams", doc.replace("name: guarded", "name: fresh"), true, false),
        new Route("GET", "/api/v1/streams/shop/guarded", null, false, false),
        new Route("PUT", "/api/v1/streams/shop/guarded", doc, true, false),
        new Route("POST", "/api/v1/streams/shop/guarded/pause", null, true, false),
        new Route("POST", "/api/v1/streams/shop/guarded/resume", null, true, false),
        new Route("GET", "/api/v1/streams/shop/guarded/status", null, false, false),
        new Route("GET", "/api/v1/streams/shop/guarded/revisions", null, false, false),
        new Route("GET", "/api/v1/streams/shop/guarded/revisions/1", null, false, false),
        new Route("POST", "/api/v1/streams/shop/guarded/rollback?to=1", null, true, false),
        new Route("GET", "/api/v1/streams/shop/guarded/dlq", null, false, false),
        new Route("POST", "/api/v1/streams/shop/guarded/dlq/replay", "{\"upTo\": \"0:0\"}", true,
            false),
        new Route("GET", "/api/v1/secrets/shop", null, false, false),
        new Route("PUT", "/api/v1/secrets/shop/db-password", "value", true, false),
        new Route("DELETE", "/api/v1/secrets/shop/db-password", null, true, false),
        new Route("GET", "/api/v1/audit", null, false, true),
        new Route("POST", "/api/v1/admin/republish", null, true, true),
        new Route("POST", "/api/v1/apply", "{\"applySet\": \"guarded-set\", \"documents\": [{\"text\": "
            + JSON.writeValueAsString(doc) + "}]}", true, false),
        new Route("DELETE", "/api/v1/streams/shop/guarded", null, true, false));
    for (Route r : routes) {
      assertThat(call(r.method(), r.path(), null, r.body()).statusCode()).as("no token: %s", r).isEqualTo(401);
      assertThat(call(r.method(), r.path(), "sluice_forged", r.body()).statusCode()).as("bad token: %s", r)
          .isEqualTo(401);
      assertThat(call(r.method(), r.path(), otherEditor, r.body()).statusCode()).as("other namespace: %s", r)
          .isEqualTo(403);
      if (r.write() || r.adminOnly()) {
        assertThat(call(r.method(), r.path(), viewer, r.body()).statusCode()).as("viewer: %s", r).isEqualTo(403);
      } else {
        assertThat(call(r.method(), r.path(), viewer, r.body()).statusCode()).as("viewer: %s", r).isEqualTo(200);
      }
      int allowed = call(r.method(), r.path(), r.adminOnly() ? admin : editor, r.body()).statusCode();
      assertThat(allowed).as("allowed: %s", r).isBetween(200, 204);
    }
    for (String path : List.of("/api/v1/workers", "/api/v1/plugins", "/api/v1/gitsync")) {
      assertThat(call("GET", path, null, null).statusCode()).isEqualTo(401);
      assertThat(call("GET", path, viewer, null).statusCode()).isEqualTo(200);
    }
    assertThat(call("POST", "/api/v1/validate", null, doc).statusCode()).isEqualTo(401);
    assertThat(call("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/api/v1/openapi.json", null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void anAdminIssuesListsAndRevokesTokensWhoseValueIsShownOnce() throws Exception {
    HttpResponse<String> issued = call("POST", "/api/v1/tokens", admin,
        "{\"name\": \"ci-bot\", \"role\": \"viewer\", \"namespaces\": [\"shop\"]}");
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    String token = JSON.readTree(issued.body()).path("token").asText();

    assertThat(call("GET", "/api/v1/streams?namespace=shop", token, null).statusCode()).isEqualTo(200);
    assertThat(json(call("GET", "/api/v1/whoami", token, null))).hasToString(
        "{\"name\":\"ci-bot\",\"role\":\"viewer\",\"namespaces\":[\"shop\"]}");
    assertThat(call("GET", "/api/v1/whoami", null, null).statusCode()).isEqualTo(401);
    assertThat(call("POST", "/api/v1/tokens", token, "{\"name\": \"x\", \"role\": \"admin\"}").statusCode())
        .as("a viewer issues no tokens").isEqualTo(403);
    HttpResponse<String> list = call("GET", "/api/v1/tokens", admin, null);
    assertThat(list.body()).contains("\"name\":\"ci-bot\"", "\"role\":\"viewer\"").doesNotContain(token);
    assertThat(call("POST", "/api/v1/tokens", admin, "{\"name\": \"y\", \"role\": \"owner\"}").body())
        .contains("owner");

    assertThat(call("DELETE", "/api/v1/tokens/ci-bot", admin, null).statusCode()).isEqualTo(204);
    assertThat(call("GET", "/api/v1/streams?namespace=shop", token, null).statusCode()).isEqualTo(401);
  }

  @Test
  void republishRewritesEveryStreamToTheControlTopics() throws Exception {
    call("POST", "/api/v1/streams", admin, STREAM.formatted(5).replace("name: orders", "name: republished"));

    HttpResponse<String> response = call("POST", "/api/v1/admin/republish", admin, null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("streams").asInt()).isPositive();
  }

  @Test
  void aSecretValueIsNeverAnsweredNorLogged() throws Exception {
    assertThat(call("PUT", "/api/v1/secrets/shop/api-key", editor, SECRET_VALUE).statusCode()).isEqualTo(204);

    List<HttpResponse<String>> responses = List.of(
        call("GET", "/api/v1/secrets/shop", editor, null),
        call("GET", "/api/v1/audit", admin, null),
        call("GET", "/api/v1/streams", admin, null),
        call("GET", "/metrics", null, null));

    assertThat(json(responses.get(0)).path("names")).extracting(JsonNode::asText).contains("api-key");
    assertThat(responses).allSatisfy(r -> assertThat(r.body()).doesNotContain(SECRET_VALUE));
    assertThat(logs.list).isNotEmpty().allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(SECRET_VALUE));
  }

  @Test
  void validatePluginsAndReadiness() throws Exception {
    JsonNode validation = json(call("POST", "/api/v1/validate", viewer, STREAM.formatted(0)));
    assertThat(validation.path("valid").asBoolean()).isFalse();
    assertThat(validation.path("documents").get(0).path("problems").get(0).path("path").asText())
        .isEqualTo("spec.input.generate.count");

    JsonNode plugins = json(call("GET", "/api/v1/plugins", viewer, null));
    assertThat(plugins.path("items")).extracting(p -> p.path("kind").asText() + "/" + p.path("name").asText())
        .contains("input/generate", "output/kafka", "processor/mapping", "processor/filter");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      HttpResponse<String> ready = call("GET", "/readyz", null, null);
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(json(ready).path("status").asText()).isEqualTo("ready");
      assertThat(json(ready).path("problems")).isEmpty();
    });
  }

  private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPlane.httpPort() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }
}
