package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.controlplane.ControlPlane;
import dev.sluice.controlplane.auth.Role;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.KafkaExtension;
import dev.sluice.testkit.PostgresExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /api/v1/test} on a real control plane wired to the worker's engine, as the CLI starts it. */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestApiIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private InstalledComponents installed;
  private ControlPlane controlPlane;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start(EmbeddedKafka kafka, EmbeddedPostgres postgres) {
    installed = InstalledComponents.load(Path.of("../target/plugins"), line -> { });
    controlPlane = TestControlPlane.start(postgres.createDatabase("test_api"), kafka, "join", Duration.ofSeconds(10),
        installed.catalog(), new EngineSampleRunner(installed.components()));
    controlPlane.tokens().ensureToken("tester", "sluice_tester-token-0123456789abcdefghij", Role.VIEWER, List.of("*"));
  }

  @AfterAll
  void stop() {
    controlPlane.close();
    installed.close();
  }

  private HttpResponse<String> test(Object body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPlane.httpPort() + "/api/v1/test"))
        .header("Authorization", "Bearer sluice_tester-token-0123456789abcdefghij").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void runsTheFiveStagePipelineOnSamplesAndShowsEachStep() throws Exception {
    String document = Files.readString(Path.of("../examples/five-stage-pipeline.yaml"));

    HttpResponse<String> response = test(Map.of("document", document, "input", List.of(
        Map.of("value", "{\"type\": \"purchase\", \"amount\": 30, \"at\": \"2026-11-25T12:00:01Z\"}"),
        Map.of("value", "{\"type\": \"view\", \"amount\": 0, \"at\": \"2026-11-25T12:00:02Z\"}"),
        Map.of("value", "no json", "time", "2026-11-25T12:00:03Z"),
        Map.of("value", "{\"type\": \"purchase\", \"amount\": 90, \"at\": \"2026-11-25T12:00:20Z\"}"))));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode result = JSON.readTree(response.body());
    assertThat(result.path("stream").asText()).isEqualTo("examples/five-stage-pipeline");
    assertThat(result.path("output")).hasSize(1);
    JsonNode window = result.path("output").get(0).path("value");
    assertThat(window.path("count").asInt()).isEqualTo(1);
    assertThat(window.path("revenue").asDouble()).isEqualTo(30.0);
    assertThat(result.path("steps").path("p1-filter")).as("views dropped by the filter").hasSize(2);
    assertThat(result.path("steps").path("p2-mapping").get(0).path("band").asText()).isEqualTo("small");
    assertThat(result.path("deadLetters")).singleElement()
        .satisfies(d -> assertThat(d.path("stage").asText()).isEqualTo("p0-mapping"));
    assertThat(result.path("failure").isNull()).isTrue();
  }

  @Test
  void anInvalidDocumentIsRefusedWithItsProblems() throws Exception {
    HttpResponse<String> response = test(Map.of("document", """
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: broken}
        spec:
          input: {kafka: {topics: [in]}}
          pipeline:
            processors:
              - window: {type: hopping, size: 1m, aggregate: {n: "$count()"}}
          output: {kafka: {topic: out}}
        """, "input", List.of()));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("a hopping window needs 'advance'");
  }
}
