package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@ExtendWith(KafkaExtension.class)
class EmbeddedKafkaIT {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaIT.class);

  /** Guards against a hang only; a passing run needs a fraction of it. */
  private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(2);

  @Test
  void deliversEveryRecordOnceAndInOrderPerPartition(EmbeddedKafka kafka) throws Exception {
    String topic = "sequence";
    int keys = 100;
    int records = 100_000;
    createTopic(kafka, new NewTopic(topic, 3, (short) 1));

    long started = System.nanoTime();
    try (KafkaProducer<String, Long> producer = new KafkaProducer<>(producerConfig(kafka),
        new StringSerializer(), new LongSerializer())) {
      AtomicReference<Exception> failure = new AtomicReference<>();
      for (long index = 0; index < records; index++) {
        producer.send(new ProducerRecord<>(topic, keyOf(index, keys), index), (metadata, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
          }
        });
      }
      producer.flush();
      assertThat(failure.get()).as("send failure").isNull();
    }
    log.info("produced {} records in {} ms", records, millisSince(started));

    started = System.nanoTime();
    BitSet seen = new BitSet(records);
    Map<Integer, Long> lastIndexPerPartition = new HashMap<>();
    int received = 0;
    try (KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(consumerConfig(kafka, "sequence-reader"),
        new StringDeserializer(), new LongDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
      while (received < records && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, Long> record : consumer.poll(Duration.ofMillis(500))) {
          long index = record.value();
          assertThat(record.key()).as("key of record %d", index).isEqualTo(keyOf(index, keys));
          assertThat(seen.get((int) index)).as("record %d delivered twice", index).isFalse();
          seen.set((int) index);
          Long previous = lastIndexPerPartition.put(record.partition(), index);
          if (previous != null) {
            assertThat(index).as("order in partition %d", record.partition()).isGreaterThan(previous);
          }
          received++;
        }
      }
    }
    log.info("consumed {} records in {} ms", received, millisSince(started));
    assertThat(received).isEqualTo(records);
    assertThat(seen.cardinality()).isEqualTo(records);
    assertThat(lastIndexPerPartition).as("partitions that got records").hasSize(3);
  }

  @Test
  void compactedTopicRebuildsTheLatestValuePerKeyWithoutDeletedKeys(EmbeddedKafka kafka) throws Exception {
    String topic = "compacted-state";
    createTopic(kafka, new NewTopic(topic, 1, (short) 1).configs(Map.of(
        "cleanup.policy", "compact",
        "segment.bytes", Integer.toString(1024 * 1024),
        "min.cleanable.dirty.ratio", "0.01")));

    Map<String, String> expected = new LinkedHashMap<>();
    int written = 0;
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka),
        new StringSerializer(), new StringSerializer())) {
      String padding = "x".repeat(200);
      for (int round = 0; round < 10; round++) {
        for (int key = 0; key < 2_000; key++) {
          String value = "round-" + round + "-" + padding;
          producer.send(new ProducerRecord<>(topic, "key-" + key, value));
          expected.put("key-" + key, value);
          written++;
        }
      }
      for (int key = 0; key < 2_000; key += 10) {
        producer.send(new ProducerRecord<>(topic, "key-" + key, null));
        expected.remove("key-" + key);
        written++;
      }
      for (int key = 0; key < 2_000; key += 30) {
        producer.send(new ProducerRecord<>(topic, "key-" + key, "revived"));
        expected.put("key-" + key, "revived");
        written++;
      }
      producer.flush();
    }
    int produced = written;

    // The log cleaner runs in the background; wait until it has removed superseded records.
    await().atMost(GIVE_UP_AFTER).until(() -> readFromBeginning(kafka, topic).size() < produced);

    Map<String, String> rebuilt = new HashMap<>();
    for (ConsumerRecord<String, String> record : readFromBeginning(kafka, topic)) {
      if (record.value() == null) {
        rebuilt.remove(record.key());
      } else {
        rebuilt.put(record.key(), record.value());
      }
    }
    assertThat(rebuilt).isEqualTo(expected);
    assertThat(rebuilt).doesNotContainKeys("key-10", "key-20", "key-1990").containsEntry("key-30", "revived");
  }

  /** What {@code sluice dev} does: a fixed port and a persistent directory, stopped and started again. */
  @Test
  void keepsRecordsAcrossARestartOnTheSameDataDirectoryAndPort(@TempDir Path dataDir) throws Exception {
    String topic = "durable";
    int port = Ports.freePort();
    String clusterId;
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dataDir).port(port).start()) {
      assertThat(kafka.bootstrapServers()).isEqualTo("localhost:" + port);
      clusterId = kafka.clusterId();
      createTopic(kafka, new NewTopic(topic, 1, (short) 1));
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka),
          new StringSerializer(), new StringSerializer())) {
        for (int i = 0; i < 1_000; i++) {
          producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i));
        }
        producer.flush();
      }
    }
    assertThat(dataDir.resolve("meta.properties")).exists();

    long started = System.nanoTime();
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dataDir).port(port).start()) {
      log.info("restarted broker on a persistent data directory in {} ms", millisSince(started));
      assertThat(kafka.clusterId()).isEqualTo(clusterId);
      List<String> values = readFromBeginning(kafka, topic).stream().map(ConsumerRecord::value).toList();
      assertThat(values).hasSize(1_000);
      for (int i = 0; i < 1_000; i++) {
        assertThat(values.get(i)).isEqualTo("value-" + i);
      }
    }
  }

  @Test
  void temporaryDataDirectoryIsDeletedOnClose() {
    Path dataDir;
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
      dataDir = kafka.dataDir();
      assertThat(dataDir.resolve("meta.properties")).exists();
    }
    assertThat(dataDir).doesNotExist();
  }

  @Test
  void fixedPortThatIsTakenIsReportedWithThePort(EmbeddedKafka shared) {
    assertThatThrownBy(() -> EmbeddedKafka.builder().port(shared.port()).start())
        .isInstanceOfSatisfying(PortInUseException.class, e -> {
          assertThat(e.port()).isEqualTo(shared.port());
          assertThat(e.component()).isEqualTo("Kafka broker");
        })
        .hasMessageContaining("port " + shared.port() + " is in use");
  }

  @Test
  void exitAndHaltDoNotEndTheJvmWhileABrokerRuns(EmbeddedKafka shared) {
    assertThat(shared.bootstrapServers()).isNotBlank();
    assertThatThrownBy(() -> Exit.halt(1, "simulated fault")).hasMessageContaining("simulated fault");
    assertThatThrownBy(() -> Exit.exit(1, "simulated fault")).hasMessageContaining("simulated fault");
  }

  private static void createTopic(EmbeddedKafka kafka, NewTopic topic) throws ExecutionException, InterruptedException {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.createTopics(List.of(topic)).all().get();
    }
  }

  /** All records of a topic as a fresh consumer without a group sees them, up to the current end. */
  private static List<ConsumerRecord<String, String>> readFromBeginning(EmbeddedKafka kafka, String topic) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(kafka, null),
        new StringDeserializer(), new StringDeserializer())) {
      Set<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition()))
          .collect(Collectors.toSet());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        assertThat(System.nanoTime()).as("reading %s timed out", topic).isLessThan(deadline);
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    return records;
  }

  private static Map<String, Object> producerConfig(EmbeddedKafka kafka) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 5);
  }

  private static Map<String, Object> consumerConfig(EmbeddedKafka kafka, String groupId) {
    Map<String, Object> config = new HashMap<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    if (groupId != null) {
      config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    }
    return config;
  }

  private static String keyOf(long index, int keys) {
    return "key-" + index % keys;
  }

  private static long millisSince(long nanoTime) {
    return (System.nanoTime() - nanoTime) / 1_000_000;
  }
}
