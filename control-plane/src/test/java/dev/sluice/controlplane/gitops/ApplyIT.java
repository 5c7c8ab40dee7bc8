package dev.sluice.controlplane.gitops;

import static dev.sluice.controlplane.streams.TestStreams.orders;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.controlplane.ControlPlane;
import dev.sluice.controlplane.ControlPlaneConfig;
import dev.sluice.controlplane.auth.Role;
import dev.sluice.controlplane.outbox.ControlTopics;
import dev.sluice.controlplane.secrets.SecretCipher;
import dev.sluice.definitions.ComponentCatalog;
import dev.sluice.definitions.StreamFileNames;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.KafkaExtension;
import dev.sluice.testkit.PostgresExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /api/v1/apply} on a real control plane: idempotence counted in rows, prune limited to
 * the set, drift and force, dry runs, all-or-nothing validation and role checks.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplyIT {

  private static final Path EXAMPLES = Path.of("..", "examples");

  private ControlPlane controlPlane;
  private Jdbi jdbi;
  private RestClient admin;
  private RestClient viewer;
  private RestClient otherEditor;

  @BeforeAll
  void start(EmbeddedKafka kafka, EmbeddedPostgres postgres) {
    String database = postgres.createDatabase("apply_it");
    controlPlane = ControlPlane.start(new ControlPlaneConfig(database, null, null, kafka.bootstrapServers(),
        (short) 1, "127.0.0.1", 0, 0, "join", SecretCipher.newKeyBase64(), Duration.ofSeconds(10),
        Duration.ofSeconds(3), null), ComponentCatalog.load(getClass().getClassLoader()));
    jdbi = Jdbi.create(database);
    // examples/webhooks.yaml refers to this secret; an active stream whose secret is missing is refused
    controlPlane.secrets().put("examples", "webhook-token", "apply-it-token", "apply-it");
    admin = client("admin", Role.ADMIN, "*");
    viewer = client("viewer", Role.VIEWER, "*");
    otherEditor = client("other-editor", Role.EDITOR, "other");
  }

  @AfterAll
  void stop() {
    controlPlane.close();
  }

  @Test
  void applyingTheExamplesTwiceWritesNothingTheSecondTime() throws Exception {
    List<Map<String, String>> examples = files(EXAMPLES);
    assertThat(examples).hasSizeGreaterThanOrEqualTo(3);

    JsonNode first = apply("examples", examples, Map.of());
    assertThat(first.path("summary").path("create").asInt()).isEqualTo(examples.size());
    assertThat(first.path("items")).allSatisfy(item -> {
      assertThat(item.path("applied").asBoolean()).isTrue();
      assertThat(item.path("diff").asText()).startsWith("--- /dev/null\n+++ ").contains("+kind: Stream");
    });
    Map<String, Long> rowsAfterFirst = rowCounts();

    JsonNode second = apply("examples", examples, Map.of());

    assertThat(second.path("summary").path("changes").asInt()).isZero();
    assertThat(second.path("summary").path("unchanged").asInt()).isEqualTo(examples.size());
    assertThat(second.path("items")).allSatisfy(item -> assertThat(item.path("diff").asText()).isEmpty());
    assertThat(rowCounts()).isEqualTo(rowsAfterFirst);
  }

  @Test
  void pruneDeletesExactlyTheStreamsOfTheSetThatAreNoLongerInIt() throws Exception {
    List<Map<String, String>> set = List.of(doc("a.yaml", orders("prune", "a")), doc("b.yaml", orders("prune", "b")),
        doc("c.yaml", orders("prune", "c")));
    apply("prune-set", set, Map.of());
    apply("other-set", List.of(doc("d.yaml", orders("prune", "d"))), Map.of());
    admin.expect(201, "POST", "/api/v1/streams", orders("prune", "rest-made"));

    JsonNode pruned = apply("prune-set", set.subList(0, 2), Map.of("prune", true));

    assertThat(pruned.path("summary").path("delete").asInt()).isEqualTo(1);
    assertThat(pruned.path("items")).filteredOn(i -> i.path("action").asText().equals("delete"))
        .singleElement().satisfies(i -> {
          assertThat(i.path("name").asText()).isEqualTo("c");
          assertThat(i.path("diff").asText()).contains("+++ /dev/null").contains("-  name: c");
        });
    assertThat(streamNames("prune")).containsExactly("a", "b", "d", "rest-made");
  }

  @Test
  void aStreamChangedThroughTheApiIsDriftAndOnlyForceOverwritesIt() throws Exception {
    List<Map<String, String>> set = List.of(doc("drifty.yaml", orders("drift", "drifty", 10, "")));
    apply("drift-set", set, Map.of());
    admin.expect(200, "PUT", "/api/v1/streams/drift/drifty", orders("drift", "drifty", 99, ""));

    JsonNode held = apply("drift-set", set, Map.of());

    JsonNode item = held.path("items").get(0);
    assertThat(item.path("action").asText()).isEqualTo("update");
    assertThat(item.path("applied").asBoolean()).isFalse();
    assertThat(item.path("drift").asText()).contains("changed outside apply set 'drift-set'").contains("force");
    assertThat(item.path("diff").asText()).contains("-      count: 99").contains("+      count: 10");
    assertThat(held.path("summary").path("heldBack").asInt()).isEqualTo(1);
    assertThat(count("drift", "drifty")).isEqualTo(99);

    JsonNode forced = apply("drift-set", set, Map.of("force", true));

    assertThat(forced.path("items").get(0).path("applied").asBoolean()).isTrue();
    assertThat(forced.path("items").get(0).path("revision").asLong()).isEqualTo(3);
    assertThat(count("drift", "drifty")).isEqualTo(10);
    assertThat(apply("drift-set", set, Map.of()).path("summary").path("changes").asInt()).isZero();
  }

  @Test
  void aStreamOfAnotherSetIsHeldBackUntilForced() throws Exception {
    apply("owner-set", List.of(doc("x.yaml", orders("owners", "x", 10, ""))), Map.of());

    JsonNode taken = apply("thief-set", List.of(doc("x.yaml", orders("owners", "x", 20, ""))), Map.of());

    assertThat(taken.path("items").get(0).path("drift").asText()).contains("belongs to apply set 'owner-set'");
    assertThat(count("owners", "x")).isEqualTo(10);
    assertThat(apply("owner-set", List.of(), Map.of("prune", true, "dryRun", true)).path("summary")
        .path("delete").asInt()).isEqualTo(1);
  }

  @Test
  void aDryRunPlansAndDiffsButChangesNothing() throws Exception {
    apply("dry-set", List.of(doc("kept.yaml", orders("dry", "kept"))), Map.of());
    Map<String, Long> before = rowCounts();

    JsonNode plan = apply("dry-set", List.of(doc("new.yaml", orders("dry", "new"))),
        Map.of("dryRun", true, "prune", true));

    assertThat(plan.path("dryRun").asBoolean()).isTrue();
    assertThat(plan.path("items")).extracting(i -> i.path("name").asText() + ":" + i.path("action").asText()
        + ":" + i.path("applied").asBoolean()).containsExactly("kept:delete:false", "new:create:false");
    assertThat(rowCounts()).isEqualTo(before);
    assertThat(streamNames("dry")).containsExactly("kept");
  }

  @Test
  void oneInvalidDocumentAppliesNothingAndReportsEveryProblem() throws Exception {
    String broken = orders("invalid", "broken", 0, "").replace("topic: orders", "topik: orders");
    List<Map<String, String>> set = List.of(doc("good.yaml", orders("invalid", "good")),
        doc("streams/broken.yaml", broken));

    JsonNode refused = admin.expect(422, "POST", "/api/v1/apply", Map.of("applySet", "invalid-set",
        "documents", set));

    assertThat(refused.path("problems")).extracting(p -> p.path("source").asText() + ":" + p.path("path").asText())
        .containsExactlyInAnyOrder("streams/broken.yaml:spec.input.generate.count",
            "streams/broken.yaml:spec.output.kafka.topic", "streams/broken.yaml:spec.output.kafka.topik");
    assertThat(refused.path("problems").get(0).path("line").asInt()).isPositive();
    assertThat(streamNames("invalid")).isEmpty();
  }

  @Test
  void applyingNeedsWriteInEveryNamespaceItTouchesAndADryRunNeedsRead() throws Exception {
    Map<String, Object> body = Map.of("applySet", "roles-set", "documents",
        List.of(doc("r.yaml", orders("roles", "r"))));

    assertThat(viewer.call("POST", "/api/v1/apply", RestClient.JSON.writeValueAsString(body)).statusCode())
        .isEqualTo(403);
    assertThat(otherEditor.call("POST", "/api/v1/apply", RestClient.JSON.writeValueAsString(body)).statusCode())
        .isEqualTo(403);
    assertThat(viewer.expect(200, "POST", "/api/v1/apply?dryRun=true", body).path("items").get(0)
        .path("action").asText()).isEqualTo("create");
    assertThat(admin.call("POST", "/api/v1/apply?applySet=git:mine", orders("roles", "r")).statusCode())
        .isEqualTo(400);
    assertThat(streamNames("roles")).isEmpty();
    assertThat(admin.call("GET", "/api/v1/openapi.json", null).body()).contains("\"/api/v1/apply\"")
        .contains("\"/api/v1/gitsync\"").contains("\"ApplyPlan\"");
  }

  private JsonNode apply(String applySet, List<Map<String, String>> documents, Map<String, Boolean> flags)
      throws Exception {
    StringBuilder query = new StringBuilder();
    flags.forEach((k, v) -> query.append(query.isEmpty() ? "?" : "&").append(k).append('=').append(v));
    return admin.expect(200, "POST", "/api/v1/apply" + query, Map.of("applySet", applySet, "documents", documents));
  }

  private static Map<String, String> doc(String source, String text) {
    return Map.of("source", source, "text", text);
  }

  private static List<Map<String, String>> files(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> StreamFileNames.isStreamFile(f.toString())).sorted().map(f -> doc(f.toString(), read(f)))
          .toList();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> streamNames(String namespace) throws Exception {
    return admin.expect(200, "GET", "/api/v1/streams?namespace=" + namespace, null).path("items")
        .findValuesAsText("name");
  }

  private long count(String namespace, String name) throws Exception {
    return admin.expect(200, "GET", "/api/v1/streams/" + namespace + "/" + name, null)
        .path("definition").path("spec").path("input").path("generate").path("count").asLong();
  }

  /** Revisions, stream events in the outbox and stream audit entries: what an apply writes. */
  private Map<String, Long> rowCounts() {
    return jdbi.withHandle(h -> Map.of(
        "revisions", h.createQuery("select count(*) from stream_revisions").mapTo(Long.class).one(),
        "outbox", h.createQuery("select count(*) from outbox where topic = :topic")
            .bind("topic", ControlTopics.defaults().streams()).mapTo(Long.class).one(),
        "audit", h.createQuery("select count(*) from audit_log where action like 'stream.%'")
            .mapTo(Long.class).one()));
  }

  private RestClient client(String name, Role role, String namespace) {
    String token = "sluice_" + name + "-" + UUID.randomUUID();
    controlPlane.tokens().ensureToken(name, token, role, List.of(namespace));
    return new RestClient(controlPlane.httpPort(), token);
  }
}
