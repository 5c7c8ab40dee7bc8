package dev.sluice.controlplane.http;

import static dev.sluice.proto.v1.InstanceState.INSTANCE_STATE_FAILED;
import static dev.sluice.proto.v1.InstanceState.INSTANCE_STATE_RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.controlplane.ControlPlane;
import dev.sluice.controlplane.ControlPlaneConfig;
import dev.sluice.controlplane.auth.Role;
import dev.sluice.controlplane.grpc.RegistryClient;
import dev.sluice.controlplane.secrets.SecretCipher;
import dev.sluice.definitions.ComponentCatalog;
import dev.sluice.proto.v1.InstanceReport;
import dev.sluice.proto.v1.InstanceState;
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
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code .../history} on a real control plane: changes made over REST and what a worker reported
 * over gRPC about the stream's instance (running, failed with its error, recovered), newest first.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class StreamHistoryIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STREAM = """
      apiVersion: sluice.dev/v1
      kind: Stream
      metadata: {name: orders, namespace: shop}
      spec:
        input: {generate: {template: '{"id": $seq}', count: 5}}
        output: {kafka: {topic: orders}}
      """;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void showsChangesAndInstanceFailuresWithTheirErrorsNewestFirst(EmbeddedKafka kafka, EmbeddedPostgres postgres)
      throws Exception {
    try (ControlPlane controlPlane = ControlPlane.start(new ControlPlaneConfig(postgres.createDatabase("history"),
        null, null, kafka.bootstrapServers(), (short) 1, "127.0.0.1", 0, 0, "join", SecretCipher.newKeyBase64(),
        Duration.ofSeconds(30), Duration.ofSeconds(1), null), ComponentCatalog.load(getClass().getClassLoader()));
        RegistryClient worker = RegistryClient.plaintext(controlPlane.grpcPort(), "join")) {
      String editor = token(controlPlane, "editor", Role.EDITOR, "shop");
      String viewer = token(controlPlane, "viewer", Role.VIEWER, "shop");
      String stranger = token(controlPlane, "stranger", Role.VIEWER, "elsewhere");
      String base = "http://127.0.0.1:" + controlPlane.httpPort();
      assertThat(send(base, "POST", "/api/v1/streams", editor, STREAM).statusCode()).isEqualTo(201);
      assertThat(send(base, "POST", "/api/v1/streams/shop/orders/pause", editor, null).statusCode()).isEqualTo(200);
      assertThat(send(base, "POST", "/api/v1/streams/shop/orders/resume", editor, null).statusCode()).isEqualTo(200);

      String workerId = worker.register("history-worker").getWorkerId();
      long epoch = await().atMost(Duration.ofSeconds(30)).until(() -> {
        worker.heartbeat(workerId, List.of());
        JsonNode instance = json(send(base, "GET", "/api/v1/streams/shop/orders/status", viewer, null))
            .path("instances").path(0);
        return workerId.equals(instance.path("workerId").asText()) ? instance.path("epoch").asLong() : null;
      }, e -> e != null);
      worker.heartbeat(workerId, List.of(report(epoch, INSTANCE_STATE_RUNNING, "")));
      worker.report(workerId, report(epoch, INSTANCE_STATE_FAILED, "output kafka: topic orders is missing"));
      worker.heartbeat(workerId, List.of(report(epoch, INSTANCE_STATE_FAILED, "output kafka: topic orders is missing")));
      worker.heartbeat(workerId, List.of(report(epoch, INSTANCE_STATE_RUNNING, "")));

      HttpResponse<String> history = send(base, "GET", "/api/v1/streams/shop/orders/history", viewer, null);
      assertThat(history.statusCode()).isEqualTo(200);
      List<JsonNode> items = StreamSupport.stream(json(history).path("items").spliterator(), false).toList();
      assertThat(items).extracting(i -> i.path("kind").asText(), i -> i.path("action").asText(null),
              i -> i.path("state").asText(null), i -> i.path("error").asText(null))
          .containsExactly(
              tuple("instance", null, "running", null),
              tuple("instance", null, "failed", "output kafka: topic orders is missing"),
              tuple("instance", null, "running", null),
              tuple("change", "stream.resume", null, null),
              tuple("change", "stream.pause", null, null),
              tuple("change", "stream.create", null, null));
      assertThat(items.getFirst().path("worker").asText()).isEqualTo("history-worker");
      assertThat(items.getLast().path("actor").asText()).isEqualTo("editor");
      assertThat(json(send(base, "GET", "/api/v1/streams/shop/orders/history?limit=2", viewer, null))
          .path("items")).hasSize(2);

      assertThat(send(base, "GET", "/api/v1/streams/shop/orders/history", stranger, null).statusCode())
          .isEqualTo(403);
      HttpResponse<String> unknown = send(base, "GET", "/api/v1/streams/shop/nope/history", viewer, null);
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.body()).contains("shop/nope does not exist");
    }
  }

  private static InstanceReport report(long epoch, InstanceState state, String error) {
    return RegistryClient.report("shop", "orders", 0, epoch, state).setError(error).build();
  }

  private HttpResponse<String> send(String base, String method, String path, String token, String body)
      throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + token)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private static String token(ControlPlane controlPlane, String name, Role role, String namespace) {
    String plaintext = "sluice_" + name + "-" + UUID.randomUUID();
    controlPlane.tokens().ensureToken(name, plaintext, role, List.of(namespace));
    return plaintext;
  }
}
