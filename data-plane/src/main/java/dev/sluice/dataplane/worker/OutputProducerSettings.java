package dev.sluice.dataplane.worker;

import dev.sluice.api.config.Durations;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The producer settings a {@code kafka} output on the system cluster asks for ({@code
 * compression}, {@code acks}, {@code idempotence}, {@code batch}), as Kafka Streams properties
 * for the topology's producer. {@code batch} applies only when the document gives it, so Kafka
 * Streams keeps its own batching otherwise.
 */
final class OutputProducerSettings {

  private OutputProducerSettings() {}

  static Map<String, Object> of(Map<String, Object> output) {
    Map<String, Object> p = new HashMap<>();
    put(p, ProducerConfig.COMPRESSION_TYPE_CONFIG, output.get("compression"));
    put(p, ProducerConfig.ACKS_CONFIG, output.get("acks"));
    put(p, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, output.get("idempotence"));
    if (output.get("batch") instanceof Map<?, ?> batch) {
      put(p, ProducerConfig.BATCH_SIZE_CONFIG, batch.get("bytes"));
      if (batch.get("linger") instanceof String linger) {
        put(p, ProducerConfig.LINGER_MS_CONFIG, Durations.parse(linger).orElseThrow().toMillis());
      }
    }
    return p;
  }

  private static void put(Map<String, Object> p, String key, Object value) {
    if (value != null) {
      p.put(StreamsConfig.producerPrefix(key), value instanceof Number n ? n.longValue() : value.toString());
    }
  }
}
