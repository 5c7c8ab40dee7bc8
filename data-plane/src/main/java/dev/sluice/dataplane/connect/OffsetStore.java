package dev.sluice.dataplane.connect;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Source positions in the compacted topic {@value #TOPIC}: key {@code namespace/name/instance},
 * value the connector's position as JSON. Kept in Kafka rather than on a worker's disk, so the
 * worker that takes over an instance resumes where the previous one stopped.
 */
public final class OffsetStore {

  /** The compacted topic of source positions. */
  public static final String TOPIC = "sluice.offsets";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final String bootstrapServers;

  public OffsetStore(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** The last position stored under {@code key}, reading the topic to its end. */
  public Optional<Map<String, Object>> load(String key) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, READ_TIMEOUT).stream()
          .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
      byte[] last = null;
      boolean found = false;
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + TOPIC + " to its end within " + READ_TIMEOUT);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (key.equals(r.key())) {
            last = r.value();
            found = true;
          }
        }
      }
      return found && last != null ? Optional.of(parse(last)) : Optional.empty();
    }
  }

  /** Stores {@code position} under {@code key} and waits until Kafka has it. */
  public void store(Producer<byte[], byte[]> producer, String key, Map<String, Object> position)
      throws InterruptedException, ExecutionException {
    try {
      producer.send(new ProducerRecord<>(TOPIC, key.getBytes(StandardCharsets.UTF_8),
          JSON.writeValueAsBytes(position))).get();
    } catch (IOException e) {
      throw new UncheckedIOException("a source position must be JSON: " + position, e);
    }
  }

  private static Map<String, Object> parse(byte[] value) {
    try {
      return JSON.readValue(value, new TypeReference<>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("a stored source position is not JSON", e);
    }
  }
}
