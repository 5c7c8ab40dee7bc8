package dev.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.api.error.PermanentException;
import dev.sluice.api.record.Record;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.KafkaExtension;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The kafka output against the test broker, for what the conformance kit does not cover. */
@ExtendWith(KafkaExtension.class)
class KafkaSinkIT {

  private final EmbeddedKafka kafka;
  private final TestTopics topics;

  KafkaSinkIT(EmbeddedKafka kafka) {
    this.kafka = kafka;
    this.topics = new TestTopics(kafka);
  }

  @Test
  void keyAndHeaderExpressionsFormatAndProducerSettingsApply() throws Exception {
    String topic = topics.create("shaped", 1, Map.of());
    Map<String, Object> config = new HashMap<>(config(topic));
    config.put("format", "string");
    config.put("key", "customer.id");
    config.put("headers", Map.of("source", "'sluice'", "amount", "amount", "none", "missing"));
    config.put("compression", "gzip");
    config.put("acks", "1");
    config.put("idempotence", false);
    config.put("batch", Map.of("bytes", 1024L, "linger", "20ms"));
    config.put("properties", Map.of("max.in.flight.requests.per.connection", "1"));
    Record record = new Record("old-key", Map.of("customer", Map.of("id", 7), "amount", 12.5),
        Map.of("trace", "t1".getBytes(StandardCharsets.UTF_8),
            "source", "overwritten".getBytes(StandardCharsets.UTF_8)), 1_700_000_000_000L);

    try (KafkaSink sink = start(config)) {
      sink.write(List.of(record, Record.of("plain text", 5L)));
    }

    List<ConsumerRecord<byte[], byte[]>> written = topics.readAll(topic);
    assertThat(written).hasSize(2);
    ConsumerRecord<byte[], byte[]> first = written.get(0);
    assertThat(text(first.key())).isEqualTo("7");
    assertThat(KafkaFormat.JSON.decode(first.value())).isEqualTo(record.value());
    assertThat(first.timestamp()).isEqualTo(1_700_000_000_000L);
    Map<String, String> headers = new HashMap<>();
    for (Header h : first.headers()) {
      headers.put(h.key(), text(h.value()));
    }
    assertThat(headers).isEqualTo(Map.of("trace", "t1", "source", "sluice", "amount", "12.5"));
    assertThat(text(written.get(1).value())).as("text as it is, in the string format")
        .isEqualTo("plain text");
  }

  @Test
  void aRecordTheBrokerRefusesIsNamedAndItsBatchMatesBeforeItAreDelivered() throws Exception {
    // A compacted topic refuses records without a key; Kafka fails the whole request with it.
    String topic = topics.create("compacted", 1, Map.of("cleanup.policy", "compact"));
    List<Record> batch = List.of(keyed("k0", 0), keyed("k1", 1), keyed(null, 2), keyed("k3", 3));

    Throwable thrown;
    try (KafkaSink sink = start(config(topic))) {
      thrown = catchThrowable(() -> sink.write(batch));
    }

    assertThat(thrown).isInstanceOf(PermanentException.class)
        .hasMessageContaining("record 2 of the batch was refused");
    assertThat(((PermanentException) thrown).recordIndex()).hasValue(2);
    assertThat(topics.readAll(topic)).extracting(r -> text(r.key())).startsWith("k0", "k1")
        .doesNotContainNull();
  }

  @Test
  void aValueTheFormatCannotHoldIsPermanentAfterTheRecordsBeforeIt() throws Exception {
    String topic = topics.create("bytes", 1, Map.of());
    Map<String, Object> config = new HashMap<>(config(topic));
    config.put("format", "bytes");
    Throwable thrown;
    try (KafkaSink sink = start(config)) {
      thrown = catchThrowable(() -> sink.write(List.of(Record.of(new byte[] {1, 2}, 0L),
          Record.of(Map.of("id", 1), 0L))));
    }
    assertThat(thrown).isInstanceOf(PermanentException.class)
        .hasMessageContaining("record 1 of the batch").hasMessageContaining("needs raw bytes");
    assertThat(((PermanentException) thrown).recordIndex()).hasValue(1);
    assertThat(topics.readAll(topic)).extracting(ConsumerRecord::value)
        .containsExactly(new byte[] {1, 2});
  }

  private Map<String, Object> config(String topic) {
    return Map.of("topic", topic, "format", "json", "compression", "none", "acks", "all",
        "idempotence", true, "security", "PLAINTEXT", "bootstrap", kafka.bootstrapServers(),
        "timeout", "10s");
  }

  private static KafkaSink start(Map<String, Object> config) throws Exception {
    KafkaSink sink = new KafkaSink();
    sink.start(new TestContext(0, 1, config, Optional.empty()));
    return sink;
  }

  private static Record keyed(String key, long id) {
    return new Record(key, Map.of("id", id), Map.of(), 0L);
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
