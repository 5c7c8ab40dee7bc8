package dev.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.component.SourceRecord;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.record.Record;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.KafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The kafka input against the test broker, for what the conformance kit does not cover. */
@ExtendWith(KafkaExtension.class)
class KafkaSourceIT {

  private static final Duration POLL = Duration.ofMillis(200);

  private final EmbeddedKafka kafka;
  private final TestTopics topics;

  KafkaSourceIT(EmbeddedKafka kafka) {
    this.kafka = kafka;
    this.topics = new TestTopics(kafka);
  }

  @Test
  void instancesShareThePartitionsAndTogetherReadEveryRecordOnce() throws Exception {
    String topic = topics.create("shared", 3, Map.of());
    for (int p = 0; p < 3; p++) {
      topics.produce(topic, p, values(p * 10, 10));
    }
    try (KafkaSource first = start(0, 2, config(topic), Optional.empty());
        KafkaSource second = start(1, 2, config(topic), Optional.empty())) {
      List<Long> firstIds = ids(pollUntil(first, 20));
      List<Long> secondIds = ids(pollUntil(second, 10));
      assertThat(firstIds).as("instance 0 reads partitions 0 and 2")
          .containsExactlyInAnyOrderElementsOf(concat(range(0, 10), range(20, 30)));
      assertThat(secondIds).as("instance 1 reads partition 1")
          .containsExactlyInAnyOrderElementsOf(range(10, 20));
    }
  }

  @Test
  void aPartitionThatMovedToAnotherInstanceGoesOnFromTheGroupsCommittedOffset() throws Exception {
    String topic = topics.create("moved", 2, Map.of());
    topics.produce(topic, 0, values(0, 5));
    topics.produce(topic, 1, values(100, 5));
    try (KafkaSource alone = start(0, 1, config(topic), Optional.empty())) {
      List<SourceRecord> all = pollUntil(alone, 10);
      alone.acknowledge(all.get(all.size() - 1).position());
    }
    topics.produce(topic, 1, values(105, 3));
    // Parallelism 2: instance 1 now reads partition 1, with no stored position of its own.
    try (KafkaSource second = start(1, 2, config(topic), Optional.empty())) {
      assertThat(ids(pollUntil(second, 3))).containsExactly(105L, 106L, 107L);
    }
  }

  @Test
  void partitionsAddedLaterAreFoundAndReadFromTheirStart() throws Exception {
    String topic = topics.create("growing", 1, Map.of());
    Map<String, Object> config = new HashMap<>(config(topic));
    config.put("start", "latest");
    // Partitions show in the consumer's metadata once it is refreshed, by default every 5 minutes.
    config.put("properties", Map.of("metadata.max.age.ms", "200"));
    try (KafkaSource source = start(new KafkaSource(Duration.ofMillis(100)), 0, 1, config,
        Optional.empty())) {
      assertThat(source.poll(POLL)).isEmpty();
      topics.grow(topic, 2);
      topics.produce(topic, 1, values(7, 2));
      assertThat(ids(pollUntil(source, 2))).as("a new partition starts at its beginning, "
          + "whatever start says").containsExactly(7L, 8L);
    }
  }

  @Test
  void startLatestSkipsWhatIsThereAlready() throws Exception {
    String topic = topics.create("latest", 1, Map.of());
    topics.produce(topic, 0, values(0, 5));
    Map<String, Object> config = new HashMap<>(config(topic));
    config.put("start", "latest");
    try (KafkaSource source = start(0, 1, config, Optional.empty())) {
      assertThat(source.poll(POLL)).isEmpty();
      topics.produce(topic, 0, values(5, 2));
      assertThat(ids(pollUntil(source, 2))).containsExactly(5L, 6L);
    }
  }

  @Test
  void aValueThatIsNotJsonStopsTheInputAfterTheRecordsBeforeIt() throws Exception {
    String topic = topics.create("poisoned", 1, Map.of());
    topics.produce(topic, 0, List.of(new String[] {"a", "{\"id\":0}"},
        new String[] {"b", "{not json"}, new String[] {"c", "{\"id\":2}"}));
    try (KafkaSource source = start(0, 1, config(topic), Optional.empty())) {
      assertThat(ids(pollUntil(source, 1))).containsExactly(0L);
      assertThatThrownBy(() -> source.poll(POLL)).isInstanceOf(PermanentException.class)
          .hasMessageContaining(topic + " partition 0 offset 1: the value is not json")
          .hasMessageContaining("format string or bytes");
      assertThatThrownBy(() -> source.poll(POLL)).as("and stays stopped")
          .isInstanceOf(PermanentException.class);
    }
    Map<String, Object> text = new HashMap<>(config(topic));
    text.put("format", "string");
    try (KafkaSource source = start(0, 1, text, Optional.empty())) {
      assertThat(pollUntil(source, 3)).extracting(r -> r.record().value())
          .containsExactly("{\"id\":0}", "{not json", "{\"id\":2}");
    }
  }

  @Test
  void keysHeadersAndTimestampsComeThrough() throws Exception {
    String topic = topics.create("details", 1, Map.of());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new StringSerializer(), new StringSerializer())) {
      ProducerRecord<String, String> record =
          new ProducerRecord<>(topic, 0, 1_700_000_000_123L, "{\"customer\":7}", "{\"id\":1}");
      record.headers().add("trace", "t1".getBytes(StandardCharsets.UTF_8));
      producer.send(record).get();
      producer.send(new ProducerRecord<>(topic, 0, "plain-key", null)).get();
    }
    try (KafkaSource source = start(0, 1, config(topic), Optional.empty())) {
      List<SourceRecord> polled = pollUntil(source, 2);
      Record first = polled.get(0).record();
      assertThat(first.key()).isEqualTo(Map.of("customer", 7));
      assertThat(first.value()).isEqualTo(Map.of("id", 1));
      assertThat(first.timestamp()).isEqualTo(1_700_000_000_123L);
      assertThat(new String(first.headers().get("trace"), StandardCharsets.UTF_8)).isEqualTo("t1");
      Record second = polled.get(1).record();
      assertThat(second.key()).isEqualTo("plain-key");
      assertThat(second.value()).as("a tombstone").isNull();
      assertThat(polled.get(1).position()).isEqualTo(Map.of("offsets", Map.of(topic + "/0", 2L)));
    }
  }

  @Test
  void aStoredOffsetThatRetentionDeletedGoesOnAtTheFirstOffsetLeft() throws Exception {
    String topic = topics.create("retention", 1, Map.of());
    topics.produce(topic, 0, values(0, 10));
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafka.bootstrapServers()))) {
      admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(6)))
          .all().get();
    }
    Map<String, Object> stored = Map.of("offsets", Map.of(topic + "/0", 2L));
    try (KafkaSource source = start(0, 1, config(topic), Optional.of(stored))) {
      assertThat(ids(pollUntil(source, 4))).containsExactly(6L, 7L, 8L, 9L);
    }
  }

  private Map<String, Object> config(String topic) {
    return Map.of("topics", List.of(topic), "format", "json", "start", "earliest",
        "security", "PLAINTEXT", "bootstrap", kafka.bootstrapServers(), "timeout", "10s");
  }

  private static KafkaSource start(int instance, int instances, Map<String, Object> config,
      Optional<Map<String, Object>> position) throws ComponentException {
    return start(new KafkaSource(), instance, instances, config, position);
  }

  private static KafkaSource start(KafkaSource source, int instance, int instances,
      Map<String, Object> config, Optional<Map<String, Object>> position)
      throws ComponentException {
    source.start(new TestContext(instance, instances, config, position));
    return source;
  }

  private static List<SourceRecord> pollUntil(KafkaSource source, int count) {
    List<SourceRecord> polled = new ArrayList<>();
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      polled.addAll(source.poll(POLL));
      return polled.size() >= count;
    });
    assertThat(polled).hasSize(count);
    return polled;
  }

  private static List<String[]> values(int firstId, int count) {
    List<String[]> values = new ArrayList<>();
    for (int id = firstId; id < firstId + count; id++) {
      values.add(new String[] {"k" + id, "{\"id\":" + id + "}"});
    }
    return values;
  }

  private static List<Long> ids(List<SourceRecord> records) {
    return records.stream()
        .map(r -> ((Number) ((Map<?, ?>) r.record().value()).get("id")).longValue()).toList();
  }

  private static List<Long> range(long from, long to) {
    return LongStream.range(from, to).boxed().toList();
  }

  private static List<Long> concat(List<Long> a, List<Long> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
