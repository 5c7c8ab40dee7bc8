package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.controlplane.ControlPlane;
import dev.sluice.controlplane.scheduler.StatusQueries;
import dev.sluice.controlplane.scheduler.StreamStatus;
import dev.sluice.dataplane.pipeline.Components;
import dev.sluice.dataplane.plugins.PluginDirectory;
import dev.sluice.dataplane.worker.Worker;
import dev.sluice.definitions.ComponentCatalog;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.KafkaExtension;
import dev.sluice.testkit.KafkaTopics;
import dev.sluice.testkit.PostgresExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * kafka -> mapping -> plugin (the Java example plugin, launched by the worker from its
 * plugin.yaml in the worker's plugins directory) -> filter -> kafka, through the control plane and
 * a worker on the embedded broker and Postgres: 10,000 records arrive processed, in order per key;
 * the plugin killed with SIGKILL mid-run is started again and no record is lost (duplicates are
 * counted, and allowed); the record the plugin refuses for good is dead-lettered with its headers.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class RemoteProcessorStreamIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int COUNT = 10_000;
  private static final int KEYS = 37;
  private static final String INPUT = "plugin-names-in";
  private static final String OUTPUT = "plugin-names-out";
  private static final String PLUGIN_MAIN = "dev.sluice.examples.processor.UppercasePlugin";

  @TempDir Path tmp;

  @Test
  void aStreamRunsThePluginAsAStageThroughAKillAndDeadLettersWhatItRefuses(EmbeddedKafka kafka,
      EmbeddedPostgres postgres) throws Exception {
    Path plugins = installJavaExamplePlugin();
    createTopic(kafka, INPUT);
    String database = postgres.createDatabase("remote_stage");
    ClassLoader loader = getClass().getClassLoader();
    ComponentCatalog catalog = ComponentCatalog.load(loader);
    Map<String, List<JsonNode>> byKey = new HashMap<>();
    try (ControlPlane controlPlane = TestControlPlane.start(database, kafka, "join", Duration.ofSeconds(10), catalog);
        PluginDirectory directory = PluginDirectory.scan(plugins);
        Worker worker = worker(controlPlane, catalog, Components.load(loader, directory));
        KafkaConsumer<String, String> output = consumer(kafka)) {
      controlPlane.streams().create("""
          apiVersion: sluice.dev/v1
          kind: Stream
          metadata: {name: upper, namespace: it}
          spec:
            input: {kafka: {topics: [%s], start: earliest}}
            pipeline:
              processors:
                - mapping: '{"id": id, "seq": seq, "name": name, "mapped": true}'
                - plugin: {name: uppercase-java, config: {field: name}, batchSize: 50, maxInFlight: 4}
                - filter: id %% 10 != 3
            output: {kafka: {topic: %s}}
            errors: {policy: dead-letter}
          """.formatted(INPUT, OUTPUT), "it");

      produce(kafka, 0, COUNT / 2);
      await().atMost(Duration.ofSeconds(60)).until(() -> read(output, byKey) > 0);
      ProcessHandle first = pluginProcess().orElseThrow();
      first.destroyForcibly();
      produce(kafka, COUNT / 2, COUNT);
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        read(output, byKey);
        return missing(byKey).isEmpty();
      });
      assertThat(pluginProcess().map(ProcessHandle::pid)).as("the plugin was started again")
          .isPresent().isNotEqualTo(Optional.of(first.pid()));

      StatusQueries status = new StatusQueries(Jdbi.create(database, "postgres", ""));
      await().atMost(Duration.ofSeconds(10)).until(() -> status.status("it", "upper")
          .map(s -> s.state() == StreamStatus.State.RUNNING
              && s.instances().stream().mapToLong(i -> i.deadLettered()).sum() > 0).orElse(false));
      assertThat(worker.scrapeMetrics()).contains("sluice_stage_records_in_total{", "stage=\"p1-plugin\"");

      controlPlane.streams().create("""
          apiVersion: sluice.dev/v1
          kind: Stream
          metadata: {name: missing, namespace: it}
          spec:
            input: {kafka: {topics: [%s]}}
            pipeline: {processors: [{plugin: {name: lowercase}}]}
            output: {kafka: {topic: missing-out}}
          """.formatted(INPUT), "it");
      await().atMost(Duration.ofSeconds(30)).until(() -> status.status("it", "missing")
          .map(s -> s.state() == StreamStatus.State.FAILED).orElse(false));
      assertThat(status.status("it", "missing").orElseThrow().error())
          .contains("processor plugin 'lowercase' is not installed on this worker", plugins.toString());
    }

    long total = byKey.values().stream().mapToLong(List::size).sum();
    Set<Long> distinct = new TreeSet<>();
    for (Map.Entry<String, List<JsonNode>> key : byKey.entrySet()) {
      List<Long> firstSeen = new ArrayList<>(new LinkedHashSet<>(key.getValue().stream()
          .map(v -> v.get("seq").asLong()).toList()));
      assertThat(firstSeen).as("records of key %s in the order they were produced", key.getKey()).isSorted();
      for (JsonNode value : key.getValue()) {
        long id = value.get("id").asLong();
        assertThat(value.get("name").asText()).isEqualTo("NAME-" + id);
        assertThat(value.get("mapped").asBoolean()).isTrue();
        assertThat(id % 10).isNotEqualTo(3);
        distinct.add(id);
      }
    }
    assertThat(distinct).hasSize(expectedIds().size());
    System.out.printf("remote stage: %d records out, %d distinct, %d duplicates after the kill%n", total,
        distinct.size(), total - distinct.size());

    List<ConsumerRecord<String, String>> deadLetters = readAll(kafka, "sluice.s.it.upper.dlq");
    assertThat(deadLetters).isNotEmpty().allSatisfy(r -> {
      assertThat(JSON.readTree(r.value()).get("id").asLong()).isEqualTo(-1);
      assertThat(header(r, "trace")).isEqualTo("bad-one");
      assertThat(header(r, "sluice.error.stage")).isEqualTo("p1-plugin");
      assertThat(header(r, "sluice.error.message")).contains("not text");
      assertThat(header(r, "sluice.source.topic")).isEqualTo("sluice.s.it.upper.p1");
    });
  }

  /**
   * plugins/uppercase-java/: the Java example's own plugin.yaml, copied, beside a link to what the
   * build made of it (target/, which the manifest's command names).
   */
  private Path installJavaExamplePlugin() throws IOException {
    Path example = Path.of("..", "plugins", "examples", "java-processor").toAbsolutePath().normalize();
    assertThat(example.resolve("target").resolve("sluice-example-processor-java.jar"))
        .as("built before the cli module").exists();
    Path dir = Files.createDirectories(tmp.resolve("plugins").resolve("uppercase-java"));
    Files.copy(example.resolve("plugin.yaml"), dir.resolve("plugin.yaml"));
    Files.createSymbolicLink(dir.resolve("target"), example.resolve("target"));
    return tmp.resolve("plugins");
  }

  /** The plugin process the worker launched: a descendant of this JVM running the example's main class. */
  private static Optional<ProcessHandle> pluginProcess() {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains(PLUGIN_MAIN)).findFirst();
  }

  private Worker worker(ControlPlane controlPlane, ComponentCatalog catalog, Components components)
      throws Exception {
    return TestWorker.start(controlPlane, "remote-1", tmp.resolve("state"), components, catalog, Map.of());
  }

  private static void createTopic(EmbeddedKafka kafka, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      KafkaTopics.create(admin, List.of(new NewTopic(topic, 3, (short) 1)));
    }
  }

  /** Records {@code from} to {@code to}: key {@code k<id % KEYS>}, a sequence number per key; id 2,500 is refused by the plugin. */
  private static void produce(EmbeddedKafka kafka, int from, int to) {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
        new StringSerializer())) {
      for (int id = from; id < to; id++) {
        producer.send(new ProducerRecord<>(INPUT, "k" + id % KEYS,
            "{\"id\": %d, \"seq\": %d, \"name\": \"name-%d\"}".formatted(id, id / KEYS, id)));
        if (id == COUNT / 4) {
          ProducerRecord<String, String> bad = new ProducerRecord<>(INPUT, "bad", "{\"id\": -1, \"seq\": 0, \"name\": 42}");
          bad.headers().add("trace", "bad-one".getBytes(StandardCharsets.UTF_8));
          producer.send(bad);
        }
      }
    }
  }

  private static Set<Long> expectedIds() {
    Set<Long> ids = new TreeSet<>();
    for (long id = 0; id < COUNT; id++) {
      if (id % 10 != 3) {
        ids.add(id);
      }
    }
    return ids;
  }

  private static Set<Long> missing(Map<String, List<JsonNode>> byKey) {
    Set<Long> missing = expectedIds();
    byKey.values().forEach(values -> values.forEach(v -> missing.remove(v.get("id").asLong())));
    return missing;
  }

  private static KafkaConsumer<String, String> consumer(EmbeddedKafka kafka) {
    return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "remote-stage-it", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        new StringDeserializer(), new StringDeserializer());
  }

  /** Adds what the output holds beyond what was read before, by key; returns how many records that was. */
  private static int read(KafkaConsumer<String, String> output, Map<String, List<JsonNode>> byKey) throws IOException {
    if (output.subscription().isEmpty()) {
      output.subscribe(List.of(OUTPUT));
    }
    int read = 0;
    for (ConsumerRecord<String, String> r : output.poll(Duration.ofMillis(500))) {
      byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(JSON.readTree(r.value()));
      read++;
    }
    return read;
  }

  private static List<ConsumerRecord<String, String>> readAll(EmbeddedKafka kafka, String topic) {
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringDeserializer(),
        new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
      return records;
    }
  }

  private static String header(ConsumerRecord<String, String> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
