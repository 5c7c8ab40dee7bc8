package dev.sluice.controlplane.tap;

import dev.sluice.controlplane.store.NotFoundException;
import dev.sluice.controlplane.streams.StoredStream;
import dev.sluice.controlplane.streams.StreamService;
import dev.sluice.controlplane.streams.StreamTopicNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the records that pass a point of a stream as they come, for {@code sluice tap}: each call
 * waits up to a while for new records after a cursor (or, without one, after the end of the
 * topics now) and answers them with the cursor to go on from, so a client that calls again misses
 * nothing in between. Reads with no consumer group, so it commits nothing and disturbs no stream.
 * Thread-safe: each call has its own consumer.
 */
public final class TapService {

  /**
   * One record seen.
   *
   * @param topic where it is
   * @param partition its partition
   * @param offset its offset
   * @param timestamp its timestamp
   * @param key its key bytes, or null
   * @param value its value bytes, or null
   */
  public record Tapped(String topic, int partition, long offset, Instant timestamp, byte[] key, byte[] value) {}

  /**
   * What one call saw.
   *
   * @param records the records, in order per partition
   * @param next the cursor to pass to the next call
   */
  public record Page(List<Tapped> records, String next) {}

  private final StreamService streams;
  private final String bootstrapServers;

  public TapService(StreamService streams, String bootstrapServers) {
    this.streams = streams;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Up to {@code limit} records that pass {@code point} of the stream after {@code cursor} ({@code
   * null}: after now), waiting up to {@code wait} for the first.
   *
   * @throws NotFoundException when the stream does not exist
   * @throws IllegalArgumentException when the cursor is not one this service gave
   */
  public Page tap(String namespace, String name, TapPoint point, String cursor, int limit, Duration wait) {
    StoredStream stream = streams.get(namespace, name).orElseThrow(() -> new NotFoundException("stream "
        + namespace + "/" + name + " does not exist; list streams with GET /api/v1/streams"));
    List<String> topics = point.topics(new StreamTopicNames(namespace, name), stream.spec());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.CLIENT_ID_CONFIG, "sluice-control-plane-tap",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, limit), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(5))) {
          partitions.add(new TopicPartition(topic, p.partition()));
        }
      }
      if (partitions.isEmpty()) {
        // Nothing has created the topics yet (a stream that never ran): nothing can come.
        pause(wait);
        return new Page(List.of(), cursor == null ? "" : cursor);
      }
      consumer.assign(partitions);
      Map<TopicPartition, Long> positions = new HashMap<>(consumer.endOffsets(partitions));
      positions.putAll(parse(cursor, partitions));
      positions.forEach(consumer::seek);
      List<Tapped> seen = new ArrayList<>();
      long deadline = System.nanoTime() + wait.toNanos();
      do {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (seen.size() < limit) {
            seen.add(new Tapped(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()), r.key(),
                r.value()));
            positions.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
          }
        }
      } while (seen.isEmpty() && System.nanoTime() < deadline);
      return new Page(seen, format(positions));
    }
  }

  private static void pause(Duration wait) {
    try {
      Thread.sleep(Math.min(wait.toMillis(), 1_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code topic:partition:offset,...}, sorted so that equal cursors read equal. */
  private static String format(Map<TopicPartition, Long> positions) {
    return positions.entrySet().stream()
        .sorted(Map.Entry.comparingByKey((a, b) -> a.toString().compareTo(b.toString())))
        .map(e -> e.getKey().topic() + ":" + e.getKey().partition() + ":" + e.getValue())
        .collect(Collectors.joining(","));
  }

  private static Map<TopicPartition, Long> parse(String cursor, List<TopicPartition> known) {
    Map<TopicPartition, Long> positions = new LinkedHashMap<>();
    if (cursor == null || cursor.isBlank()) {
      return positions;
    }
    for (String part : cursor.split(",")) {
      int last = part.lastIndexOf(':');
      int middle = part.lastIndexOf(':', last - 1);
      try {
        TopicPartition tp = new TopicPartition(part.substring(0, middle),
            Integer.parseInt(part.substring(middle + 1, last)));
        if (known.contains(tp)) {
          positions.put(tp, Long.parseLong(part.substring(last + 1)));
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("'" + part + "' is not part of a tap cursor; pass the 'next' value of "
            + "the previous answer, or no cursor to start from now", e);
      }
    }
    return positions;
  }
}
