package dev.sluice.connectors.kafka;

import dev.sluice.api.component.SinkConnectorProvider;
import dev.sluice.api.record.Record;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.KafkaExtension;
import dev.sluice.testkit.conformance.InvalidConfig;
import dev.sluice.testkit.conformance.SinkConformance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The kit against the {@code kafka} output writing an external cluster: the test broker, reached
 * through {@code bootstrap}. Each test writes its own one-partition topic and reads it back with
 * a plain consumer.
 *
 * <p>Unreachable: brokers on a port nothing listens on; metadata does not arrive within the
 * config's {@code timeout}. Refused record: a value larger than the producer's request limit
 * (Kafka's default 1 MiB), which no retry can deliver.
 */
@ExtendWith(KafkaExtension.class)
class KafkaSinkConformanceIT extends SinkConformance {

  private final EmbeddedKafka kafka;
  private final TestTopics topics;
  private final String topic;

  KafkaSinkConformanceIT(EmbeddedKafka kafka) throws Exception {
    this.kafka = kafka;
    this.topics = new TestTopics(kafka);
    this.topic = topics.create("sink-conformance", 1, Map.of());
  }

  @Override
  protected SinkConnectorProvider provider() {
    return new KafkaOutputProvider();
  }

  @Override
  protected Map<String, Object> config() {
    return Map.of("topic", topic, "bootstrap", kafka.bootstrapServers(), "timeout", "10s");
  }

  @Override
  protected List<Long> delivered() {
    return topics.readAll(topic).stream()
        .map(r -> ((Number) ((Map<?, ?>) decode(r.value())).get("id")).longValue())
        .toList();
  }

  @Override
  protected boolean idempotent() {
    return false;
  }

  @Override
  protected InvalidConfig invalidConfig() {
    return new InvalidConfig(Map.of("format", "avro", "acks", "2", "batch", Map.of("bytes", -1)),
        List.of("topic", "format", "acks", "batch.bytes"));
  }

  @Override
  protected Map<String, Object> unreachableConfig() {
    try {
      return Map.of("topic", topic, "bootstrap", "localhost:" + TestTopics.closedPort(),
          "timeout", "2s");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Optional<Record> refusedRecord() {
    return Optional.of(new Record("big", "x".repeat(2 * 1024 * 1024), Map.of(), 0L));
  }

  private static Object decode(byte[] value) {
    try {
      return KafkaFormat.JSON.decode(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
