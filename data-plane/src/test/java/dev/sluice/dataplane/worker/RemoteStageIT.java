package dev.sluice.dataplane.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.definition.ComponentConfig;
import dev.sluice.api.definition.DesiredState;
import dev.sluice.api.definition.ErrorPolicy;
import dev.sluice.api.definition.Guarantee;
import dev.sluice.api.definition.Metadata;
import dev.sluice.api.definition.StreamDefinition;
import dev.sluice.api.definition.StreamSpec;
import dev.sluice.dataplane.connect.OffsetStore;
import dev.sluice.dataplane.pipeline.Components;
import dev.sluice.dataplane.pipeline.StageCounters;
import dev.sluice.dataplane.pipeline.StreamPlan;
import dev.sluice.dataplane.plugins.PluginDirectory;
import dev.sluice.dataplane.remote.PluginManifest;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.KafkaExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An out-of-process stage under the stream's error policy, on a real broker with the Java example
 * plugin launched from its plugin.yaml: a refused record is dropped and counted under policy drop,
 * and fails the instance, saying where and why, under policy fail.
 */
@ExtendWith(KafkaExtension.class)
class RemoteStageIT {

  @TempDir Path tmp;
  private final EmbeddedKafka kafka;
  private Admin admin;
  private PluginDirectory plugins;
  private WorkerRuntime runtime;

  RemoteStageIT(EmbeddedKafka kafka) {
    this.kafka = kafka;
  }

  @BeforeEach
  void setUp() throws Exception {
    Path example = Path.of("..", "plugins", "examples", "java-processor").toAbsolutePath().normalize();
    Path dir = Files.createDirectories(tmp.resolve("plugins").resolve("uppercase-java"));
    Files.copy(example.resolve(PluginManifest.FILE_NAME), dir.resolve(PluginManifest.FILE_NAME));
    Files.createSymbolicLink(dir.resolve("target"), example.resolve("target"));
    plugins = PluginDirectory.scan(tmp.resolve("plugins"));
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    runtime = new WorkerRuntime(kafka.bootstrapServers(), admin, Components.load(getClass().getClassLoader(), plugins),
        null, new OffsetStore(kafka.bootstrapServers()), tmp.resolve("state"));
  }

  @AfterEach
  void tearDown() {
    admin.close();
    plugins.close();
  }

  @Test
  void underPolicyDropARefusedRecordIsCountedAndTheOthersArrive() throws Exception {
    StreamPlan plan = StreamPlan.of(upper("drops", ErrorPolicy.Action.DROP));
    produce("drops-in", 100, 42);
    try (StreamInstance instance = new StreamInstance(new InstanceId("it", "drops", 0), 1, 1, plan, runtime)) {
      instance.start();
      await().atMost(Duration.ofSeconds(45)).until(() -> instance.counters().out() == 99);
      StageCounters stage = instance.counters().stages().get("p0-plugin");
      assertThat(stage.in()).isEqualTo(100);
      assertThat(stage.out()).isEqualTo(99);
      assertThat(stage.errors()).isEqualTo(1);
      assertThat(instance.counters().dropped()).isEqualTo(1);
      assertThat(instance.state()).isEqualTo(InstanceState.RUNNING);
    }
    assertThat(read("drops-out", 99)).allMatch(v -> v.matches("\\{\"name\":\"NAME-\\d+\"}"))
        .noneMatch(v -> v.contains("42"));
  }

  @Test
  void underPolicyFailARefusedRecordFailsTheInstanceSayingWhereAndWhy() throws Exception {
    StreamPlan plan = StreamPlan.of(upper("fails", ErrorPolicy.Action.FAIL));
    produce("fails-in", 10, 4);
    try (StreamInstance instance = new StreamInstance(new InstanceId("it", "fails", 0), 1, 1, plan, runtime)) {
      instance.start();
      assertThat(instance.stagePlugins()).singleElement()
          .satisfies(stage -> assertThat(stage.processes()).singleElement()
              .satisfies(process -> assertThat(process.pid()).isPresent()));
      await().atMost(Duration.ofSeconds(45)).until(() -> instance.state() == InstanceState.FAILED);
      assertThat(instance.error()).startsWith("stage p0-plugin failed on the record at sluice.s.it.fails.p0-")
          .contains("field 'name' is 42, not text");
    }
  }

  /** kafka -> plugin uppercase-java (field name) -> kafka, under {@code policy}. */
  private static StreamDefinition upper(String name, ErrorPolicy.Action policy) {
    return new StreamDefinition(new Metadata(name, "it", Map.of(), null), new StreamSpec(
        DesiredState.ACTIVE, 1, Guarantee.AT_LEAST_ONCE,
        new ComponentConfig("kafka", Map.of("topics", List.of(name + "-in"), "format", "json", "start", "earliest")),
        List.of(new ComponentConfig("plugin", Map.of("name", "uppercase-java", "config", Map.of("field", "name"),
            "batchSize", 10L, "maxInFlight", 2L, "timeout", "30s"))),
        new ComponentConfig("kafka", Map.of("topic", name + "-out", "format", "json")),
        new ErrorPolicy(policy, ErrorPolicy.Retry.defaults(), ErrorPolicy.Action.FAIL)));
  }

  /** {@code count} records {"name": "name-<i>"}, record {@code bad} with a number the plugin refuses. */
  private void produce(String topic, int count, int bad) throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
        new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i % 7,
            i == bad ? "{\"name\": 42}" : "{\"name\": \"name-" + i + "\"}"));
      }
    }
  }

  private List<String> read(String topic, int expected) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "verify-" + topic,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
        return values.size() >= expected;
      });
    }
    assertThat(values).hasSize(expected);
    return values;
  }
}
