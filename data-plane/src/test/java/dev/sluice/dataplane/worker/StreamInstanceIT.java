package dev.sluice.dataplane.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.component.Batching;
import dev.sluice.api.definition.ComponentConfig;
import dev.sluice.api.definition.DesiredState;
import dev.sluice.api.definition.ErrorPolicy;
import dev.sluice.api.definition.Guarantee;
import dev.sluice.api.definition.Metadata;
import dev.sluice.api.definition.StreamDefinition;
import dev.sluice.api.definition.StreamSpec;
import dev.sluice.dataplane.connect.OffsetStore;
import dev.sluice.dataplane.pipeline.Components;
import dev.sluice.dataplane.pipeline.StreamPlan;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.KafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Stream instances on a real broker: a source connector feeding a topology, to completion. */
@ExtendWith(KafkaExtension.class)
class StreamInstanceIT {

  @TempDir Path state;
  private Admin admin;
  private WorkerRuntime runtime;
  private final EmbeddedKafka kafka;

  StreamInstanceIT(EmbeddedKafka kafka) {
    this.kafka = kafka;
  }

  @BeforeEach
  void setUp() throws Exception {
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    if (!admin.listTopics().names().get().contains(OffsetStore.TOPIC)) {
      admin.createTopics(List.of(new NewTopic(OffsetStore.TOPIC, 1, (short) 1)
          .configs(Map.of("cleanup.policy", "compact")))).all().get();
    }
    runtime = new WorkerRuntime(kafka.bootstrapServers(), admin, Components.of(List.of(new CountingSource(5_000))),
        null, new OffsetStore(kafka.bootstrapServers()), state);
  }

  @AfterEach
  void tearDown() {
    admin.close();
  }

  private static StreamDefinition counting(String name, String outputTopic) {
    return new StreamDefinition(new Metadata(name, "it", Map.of(), null), new StreamSpec(
        DesiredState.ACTIVE, 1, Guarantee.AT_LEAST_ONCE, new ComponentConfig("counting", Map.of()), List.of(),
        new ComponentConfig("kafka", Map.of("topic", outputTopic, "format", "json")), ErrorPolicy.defaults()));
  }

  @Test
  void aFiniteSourceDeliversEveryRecordAndCompletes() throws Exception {
    StreamPlan plan = StreamPlan.of(counting("count-all", "counted"));
    try (StreamInstance instance = new StreamInstance(new InstanceId("it", "count-all", 0), 1, 1, plan, runtime)) {
      instance.start();
      ConsumerLag lag = new ConsumerLag(admin);
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        instance.checkCompleted(lag.lag(plan.topics().applicationId(), plan.inputTopics()));
        return instance.state() == InstanceState.COMPLETED;
      });
      assertThat(instance.counters().in()).isEqualTo(5_000);
      assertThat(instance.counters().out()).isEqualTo(5_000);
      await().atMost(Duration.ofSeconds(10)).until(() -> instance.lag() == 0);
    }
    assertThat(readSeqs("counted", 5_000)).hasSize(5_000);
  }

  @Test
  void aRestartedSourceResumesAfterItsStoredPosition() throws Exception {
    StreamPlan plan = StreamPlan.of(counting("resume", "resumed"));
    InstanceId id = new InstanceId("it", "resume", 0);
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      new OffsetStore(kafka.bootstrapServers()).store(producer, id.toString(), Map.of("seq", 3_999));
    }
    try (StreamInstance instance = new StreamInstance(id, 2, 1, plan, runtime)) {
      instance.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> instance.counters().out() == 1_000);
    }
    Set<Long> seqs = readSeqs("resumed", 1_000);
    assertThat(seqs).hasSize(1_000).allMatch(s -> s >= 4_000 && s < 5_000);
  }

  @Test
  void aSinkGetsEveryRecordThroughOutagesAndRefusalsGoToTheDeadLetterTopic() throws Exception {
    FlakySink sink = new FlakySink(5);
    StreamPlan plan = StreamPlan.of(toFlaky("to-sink", ErrorPolicy.Action.DEAD_LETTER));
    try (StreamInstance instance = new StreamInstance(new InstanceId("it", "to-sink", 0), 1, 1, plan, withSink(sink))) {
      instance.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> sink.delivered.size() == 4_995);
      await().atMost(Duration.ofSeconds(10)).until(() -> instance.counters().deadLettered() == 5);
    }
    assertThat(sink.refusedBatches.get()).isEqualTo(5);
    assertThat(sink.delivered).allMatch(seq -> seq % 1_000 != 0);
    assertThat(readSeqs(plan.topics().deadLetter(), 5)).containsExactlyInAnyOrder(0L, 1_000L, 2_000L, 3_000L, 4_000L);
  }

  @Test
  void aSinkGetsTheBatchesItAsksForAndNothingIsCommittedWhileItsDestinationIsDown() throws Exception {
    FlakySink down = new FlakySink(Integer.MAX_VALUE, 3, new Batching(1_000, Duration.ofSeconds(2)));
    StreamPlan plan = StreamPlan.of(toFlaky("batched", ErrorPolicy.Action.DROP));
    InstanceId id = new InstanceId("it", "batched", 0);
    try (StreamInstance instance = new StreamInstance(id, 1, 1, plan, withSink(down))) {
      instance.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> instance.counters().out() == 5_000
          && down.refusedBatches.get() >= 3);
      assertThat(down.refusedStarts.get()).as("starts refused as retriable, then retried").isEqualTo(3);
    }
    assertThat(admin.listConsumerGroupOffsets(plan.topics().sinkGroup()).partitionsToOffsetAndMetadata().get())
        .as("offsets committed while every write was refused").isEmpty();

    FlakySink up = new FlakySink(0, 0, new Batching(1_000, Duration.ofSeconds(2)));
    try (StreamInstance instance = new StreamInstance(id, 2, 1, plan, withSink(up))) {
      instance.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> up.delivered.size() == 4_995);
      assertThat(instance.state()).isNotEqualTo(InstanceState.FAILED);
    }
    assertThat(up.batchSizes).as("batches gathered across polls up to the sink's maximum")
        .contains(1_000).allMatch(size -> size <= 1_000);
  }

  private WorkerRuntime withSink(FlakySink sink) {
    return new WorkerRuntime(runtime.bootstrapServers(), admin,
        Components.of(List.of(new CountingSource(5_000), sink)), null, runtime.offsets(), state);
  }

  private static StreamDefinition toFlaky(String name, ErrorPolicy.Action policy) {
    return new StreamDefinition(new Metadata(name, "it", Map.of(), null), new StreamSpec(
        DesiredState.ACTIVE, 1, Guarantee.AT_LEAST_ONCE, new ComponentConfig("counting", Map.of()), List.of(),
        new ComponentConfig("flaky", Map.of()), new ErrorPolicy(policy,
            ErrorPolicy.Retry.defaults(), ErrorPolicy.Action.FAIL)));
  }

  @Test
  void underPolicyFailAPoisonRecordFailsTheInstanceSayingWhereAndWhy() throws Exception {
    admin.createTopics(List.of(new NewTopic("poisoned", 1, (short) 1))).all().get();
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>("poisoned", "k".getBytes(),
          "{not json".getBytes())).get();
    }
    StreamDefinition definition = new StreamDefinition(new Metadata("poisoned", "it", Map.of(), null), new StreamSpec(
        DesiredState.ACTIVE, 1, Guarantee.AT_LEAST_ONCE,
        new ComponentConfig("kafka", Map.of("topics", List.of("poisoned"), "format", "json", "start", "earliest")),
        List.of(), new ComponentConfig("kafka", Map.of("topic", "never", "format", "json")), ErrorPolicy.defaults()));
    try (StreamInstance instance = new StreamInstance(new InstanceId("it", "poisoned", 0), 1, 1,
        StreamPlan.of(definition), runtime)) {
      instance.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> instance.state() == InstanceState.FAILED);
      assertThat(instance.error()).startsWith("stage decode failed on the record at poisoned-0@0: JsonParseException");
    }
  }

  private Set<Long> readSeqs(String topic, int expected) {
    Set<Long> seqs = new HashSet<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "verify-" + topic,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      int read = 0;
      while (read < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          read++;
          seqs.add(Long.parseLong(r.value().replaceAll("\\D", "")));
          assertThat(r.key()).isEqualTo(r.value().replaceAll("\\D", ""));
        }
      }
      assertThat(read).as("records read from %s", topic).isEqualTo(expected);
    }
    return seqs;
  }
}
