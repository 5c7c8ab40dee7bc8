package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.controlplane.ControlPlane;
import dev.sluice.controlplane.auth.Role;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.KafkaExtension;
import dev.sluice.testkit.KafkaTopics;
import dev.sluice.testkit.PostgresExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice apply}, {@code diff}, {@code get}, {@code delete} and {@code plugins} as a user runs
 * them, against a real control plane that knows the plugins the build assembles.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitOpsCommandsIT {

  private static final Path PLUGINS = Path.of("../target/plugins");
  private static final Path EXAMPLES = Path.of("../examples");

  private InstalledComponents installed;
  private ControlPlane controlPlane;
  private String token;
  private String bootstrap;

  @TempDir Path temp;

  /** What one run of the command printed, and its exit code. */
  record Run(int exit, String out, String err) {}

  @BeforeAll
  void start(EmbeddedKafka kafka, EmbeddedPostgres postgres) {
    bootstrap = kafka.bootstrapServers();
    installed = InstalledComponents.load(PLUGINS, line -> { });
    controlPlane = TestControlPlane.start(postgres.createDatabase("gitops_cli"), kafka, "join",
        Duration.ofSeconds(10), installed.catalog());
    token = "sluice_cli-admin-" + UUID.randomUUID();
    // examples/webhooks.yaml refers to this secret; an active stream whose secret is missing is refused
    controlPlane.secrets().put("examples", "webhook-token", "gitops-it-token", "gitops-it");
    controlPlane.tokens().ensureToken("cli-admin", token, Role.ADMIN, List.of("*"));
  }

  @AfterAll
  void stop() {
    controlPlane.close();
    installed.close();
  }

  @Test
  void applyingTheExamplesTwiceLeavesNothingToDiff() throws IOException {
    Path examples = copyOfExamples();

    Run first = sluice("apply", "-f", examples.toString());
    Run second = sluice("apply", "-f", examples.toString());
    Run diff = sluice("diff", "-f", examples.toString());

    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("examples/orders-large").contains("apply set examples: ");
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.out()).contains("apply set examples: 0 created, 0 updated, 0 deleted, 4 unchanged");
    assertThat(diff.out()).isEmpty();
    assertThat(diff.exit()).as(diff.err()).isZero();
  }

  @Test
  void aChangedFileIsADiffThatExitsOneAndChangesNothing() throws IOException {
    Path examples = copyOfExamples();
    sluice("apply", "-f", examples.toString());
    Path file = examples.resolve("orders-large.yaml");
    Files.writeString(file, Files.readString(file).replace("total > 100", "total > 500"));

    Run diff = sluice("diff", "-f", examples.toString());

    assertThat(diff.exit()).as(diff.err()).isEqualTo(1);
    assertThat(diff.out()).startsWith("--- examples/orders-large (revision ")
        .contains("+++ examples/orders-large (apply set)").contains("-        condition: total > 100")
        .contains("+        condition: total > 500");
    assertThat(sluice("get", "stream", "examples/orders-large", "-o", "yaml").out()).contains("total > 100");
  }

  @Test
  void getAsYamlGivesADocumentThatAppliesUnchanged() throws IOException {
    sluice("apply", "-f", copyOfExamples().toString());

    Run get = sluice("get", "stream", "examples/orders-generate", "-o", "yaml");
    Path saved = Files.createDirectories(temp.resolve("saved")).resolve("orders-generate.yaml");
    Files.writeString(saved, get.out());
    Run diff = sluice("diff", "-f", saved.toString(), "--apply-set", "examples");

    assertThat(get.exit()).as(get.err()).isZero();
    assertThat(get.out()).startsWith("apiVersion: sluice.dev/v1\nkind: Stream\n").contains("resourceVersion: ");
    assertThat(diff.exit()).as(diff.out() + diff.err()).isZero();
    assertThat(sluice("lint", "--plugins", PLUGINS.toString(), saved.toString()).exit()).isZero();
  }

  @Test
  void listsStreamsAndPluginsForPeopleAndScripts() throws Exception {
    sluice("apply", "-f", copyOfExamples().toString());

    Run table = sluice("get", "streams", "-n", "examples");
    Run wide = sluice("get", "streams", "-n", "examples", "-o", "wide");
    Run json = sluice("get", "streams", "-n", "examples", "-o", "json");
    Run plugins = sluice("plugins");

    assertThat(table.out().lines().findFirst()).hasValueSatisfying(header -> assertThat(header)
        .startsWith("NAMESPACE   NAME").contains("REVISION"));
    assertThat(table.out()).contains("examples    orders-large");
    assertThat(wide.out().lines().findFirst()).hasValueSatisfying(h -> assertThat(h).contains("STATUS"));
    JsonNode items = ApiClient.JSON.readTree(json.out()).path("items");
    assertThat(items.findValuesAsText("kind")).containsOnly("Stream").hasSize(4);
    assertThat(plugins.out()).contains("input").contains("generate").contains("http_server");
  }

  @Test
  void deleteRemovesAStreamAndAMissingOneIsAClearError() throws IOException {
    Path examples = copyOfExamples();
    sluice("apply", "-f", examples.toString());

    Run deleted = sluice("delete", "examples/webhooks");
    Run missing = sluice("get", "stream", "examples/webhooks");
    Run badName = sluice("delete", "webhooks");
    Run restored = sluice("apply", "-f", examples.toString());

    assertThat(deleted.out()).isEqualTo("deleted examples/webhooks\n");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("does not exist");
    assertThat(badName.exit()).isEqualTo(2);
    assertThat(badName.err()).contains("write it as namespace/name");
    assertThat(restored.out()).containsPattern("created +examples/webhooks");
  }

  @Test
  void anInvalidFileAppliesNothingAndNamesEveryProblemWithItsLine() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("broken-set"));
    Files.writeString(dir.resolve("good.yaml"), """
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: good, namespace: broken}
        spec: {input: {generate: {template: "{}"}}, output: {kafka: {topic: t}}}
        """);
    Files.writeString(dir.resolve("bad.yaml"), """
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: bad, namespace: broken}
        spec: {input: {generate: {template: "{}"}}, output: {kafka: {topik: t}}}
        """);

    Run apply = sluice("apply", "-f", dir.toString());

    assertThat(apply.exit()).isEqualTo(2);
    assertThat(apply.err()).contains("Invalid apply set (HTTP 422)")
        .contains(dir.resolve("bad.yaml") + ":4:").contains("spec.output.kafka.topik: unknown field");
    assertThat(sluice("get", "streams", "-n", "broken").out().lines()).hasSize(1);
  }

  @Test
  void theServerAndTokenComeFromTheConfigFile() throws IOException {
    Path tokenFile = Files.writeString(temp.resolve("token"), token + "\n");
    Path config = Files.writeString(temp.resolve("config.yaml"), "server: http://127.0.0.1:" + controlPlane.httpPort()
        + "\ntokenFile: " + tokenFile + "\n");

    ApiClient client = new ServerOptions().client(Map.of("SLUICE_CONFIG", config.toString()), temp);

    assertThat(client.get("/api/v1/plugins").path("items").size()).isPositive();
  }

  @Test
  void tapPrintsTheRecordsAStreamWritesAsTheyCome() throws Exception {
    sluice("apply", "-f", copyOfExamples().toString());
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      KafkaTopics.create(admin, List.of(new NewTopic("orders-large", 1, (short) 1)));
    }
    CompletableFuture<Run> tap = CompletableFuture.supplyAsync(() -> sluice("tap", "examples/orders-large", "-n", "2"));
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
        new StringSerializer(), new StringSerializer())) {
      // The tap starts at the end of the topic once it has asked: write until it has seen two.
      for (int i = 0; !tap.isDone() && i < 120; i++) {
        producer.send(new ProducerRecord<>("orders-large", "c-" + i,
            "{\"total\": " + (200 + i) + "}")).get();
        Thread.sleep(500);
      }
    }

    Run run = tap.get();
    assertThat(run.exit()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).matches("\\S+Z  c-\\d+  \\{\"total\":2\\d\\d\\}"));
  }

  private Path copyOfExamples() throws IOException {
    Path copy = Files.createDirectories(temp.resolve("copy-" + UUID.randomUUID()).resolve("examples"));
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }
    return copy;
  }

  private Run sluice(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = SluiceCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    boolean remote = !args[0].equals("lint");
    String[] all = remote ? Stream.concat(Stream.of(args), Stream.of("--server", "http://127.0.0.1:"
        + controlPlane.httpPort(), "--token", token)).toArray(String[]::new) : args;
    int exit = cli.execute(all);
    return new Run(exit, out.toString(), err.toString());
  }
}
