package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.controlplane.ControlPlane;
import dev.sluice.definitions.ComponentCatalog;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.KafkaExtension;
import dev.sluice.testkit.KafkaTopics;
import dev.sluice.testkit.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three worker processes run a Kafka -> filter -> Kafka stream with parallelism 3; one is killed
 * with SIGKILL mid-run. Its work must resume on the others, and the output must hold every input
 * sequence number: with duplicates at most from the uncommitted window at least once, with none
 * at all exactly once.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class WorkerFailoverIT {

  private static final int RECORDS = 6_000;
  private static final Duration LEASE = Duration.ofSeconds(4);
  private static final String JOIN = "failover-join";

  @TempDir Path state;
  private final List<Process> workers = new ArrayList<>();
  private ControlPlane controlPlane;

  @AfterEach
  void stop() {
    workers.forEach(Process::destroyForcibly);
    if (controlPlane != null) {
      controlPlane.close();
    }
  }

  @Test
  void atLeastOnceLosesNothingWhenAWorkerIsKilled(EmbeddedKafka kafka, EmbeddedPostgres postgres) throws Exception {
    Map<Long, Integer> seen = run(kafka, postgres, "alo", "at-least-once");

    assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(LongStream.range(0, RECORDS).boxed().toList());
  }

  @Test
  void exactlyOnceLosesNothingAndDuplicatesNothing(EmbeddedKafka kafka, EmbeddedPostgres postgres) throws Exception {
    Map<Long, Integer> seen = run(kafka, postgres, "eos", "exactly-once");

    assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(LongStream.range(0, RECORDS).boxed().toList());
    assertThat(seen.values()).as("copies of each record").containsOnly(1);
  }

  /** Runs the scenario; returns how often each sequence number reached the output. */
  private Map<Long, Integer> run(EmbeddedKafka kafka, EmbeddedPostgres postgres, String name, String guarantee)
      throws Exception {
    String in = name + "-in";
    String out = name + "-out";
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      KafkaTopics.create(admin, List.of(new NewTopic(in, 3, (short) 1), new NewTopic(out, 3, (short) 1)));
    }
    controlPlane = TestControlPlane.start(postgres.createDatabase("failover_" + name), kafka, JOIN, LEASE,
        ComponentCatalog.load(getClass().getClassLoader()));
    for (int i = 1; i <= 3; i++) {
      workers.add(WorkerProcess.start(controlPlane.grpcPort(), JOIN, state, name + "-w" + i));
    }
    controlPlane.streams().create("""
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: %s, namespace: it}
        spec:
          parallelism: 3
          guarantee: %s
          input: {kafka: {topics: [%s]}}
          pipeline: {processors: [{filter: "seq >= 0"}]}
          output: {kafka: {topic: %s}}
        """.formatted(name, guarantee, in, out), "it");

    try (KafkaProducer<String, String> producer = producer(kafka)) {
      for (long seq = 0; seq < RECORDS; seq++) {
        producer.send(new ProducerRecord<>(in, Long.toString(seq), "{\"seq\":" + seq + "}"));
        if (seq == RECORDS / 3) {
          producer.flush();
          awaitOutput(kafka, out, guarantee, 100);
          workers.get(0).destroyForcibly().waitFor();
        }
        if (seq % 100 == 0) {
          Thread.sleep(20);
        }
      }
    }
    return awaitOutput(kafka, out, guarantee, RECORDS);
  }

  /** Reads the output until it holds {@code distinct} sequence numbers; returns copies per number. */
  private static Map<Long, Integer> awaitOutput(EmbeddedKafka kafka, String topic, String guarantee, int distinct) {
    Map<Long, Integer> seen = new HashMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, guarantee.equals("exactly-once") ? "read_committed" : "read_uncommitted"),
        new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await().atMost(Duration.ofSeconds(120)).until(() -> {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          seen.merge(Long.parseLong(r.value().replaceAll("\\D", "")), 1, Integer::sum);
        }
        return seen.size() >= distinct;
      });
    }
    return seen;
  }

  private static KafkaProducer<String, String> producer(EmbeddedKafka kafka) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer());
  }

}
