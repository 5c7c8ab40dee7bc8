package dev.sluice.connectors.kafka;

import dev.sluice.api.component.SourceConnectorProvider;
import dev.sluice.api.record.Record;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.KafkaExtension;
import dev.sluice.testkit.conformance.InvalidConfig;
import dev.sluice.testkit.conformance.SourceConformance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The kit against the {@code kafka} input reading an external cluster: the test broker, reached
 * through {@code bootstrap} like any other cluster. Each test reads its own one-partition topic,
 * so the order the kit checks is Kafka's.
 *
 * <p>Unreachable: brokers on a port nothing listens on; the partition lookup fails within the
 * config's {@code timeout}. Refused: a topic that does not exist (the input never creates topics).
 */
@ExtendWith(KafkaExtension.class)
class KafkaSourceConformanceIT extends SourceConformance {

  private final EmbeddedKafka kafka;
  private final TestTopics topics;
  private final String topic;

  KafkaSourceConformanceIT(EmbeddedKafka kafka) throws Exception {
    this.kafka = kafka;
    this.topics = new TestTopics(kafka);
    this.topic = topics.create("source-conformance", 1, Map.of());
  }

  @Override
  protected SourceConnectorProvider provider() {
    return new KafkaInputProvider();
  }

  @Override
  protected Map<String, Object> config() {
    return Map.of("topics", List.of(topic), "bootstrap", kafka.bootstrapServers(),
        "timeout", "10s");
  }

  @Override
  protected void append(long firstId, int count) throws Exception {
    List<String[]> records = new ArrayList<>();
    for (long id = firstId; id < firstId + count; id++) {
      records.add(new String[] {"k" + id, "{\"id\":" + id + ",\"name\":\"record " + id + "\"}"});
    }
    topics.produce(topic, 0, records);
  }

  @Override
  protected long idOf(Record record) {
    return ((Number) ((Map<?, ?>) record.value()).get("id")).longValue();
  }

  @Override
  protected InvalidConfig invalidConfig() {
    return new InvalidConfig(Map.of("topics", "orders", "start", "middle", "security", "TLS",
        "sasl", Map.of("mechanism", "GSSAPI")),
        List.of("topics", "start", "security", "sasl.mechanism", "sasl.username", "sasl.password"));
  }

  @Override
  protected Map<String, Object> unreachableConfig() {
    try {
      return Map.of("topics", List.of(topic), "bootstrap", "localhost:" + TestTopics.closedPort(),
          "timeout", "2s");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Map<String, Object> refusedConfig() {
    return Map.of("topics", List.of(topic + "-missing"), "bootstrap", kafka.bootstrapServers(),
        "timeout", "10s");
  }
}
