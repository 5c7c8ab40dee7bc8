package dev.sluice.controlplane.tap;

import dev.sluice.controlplane.store.NotFoundException;
import dev.sluice.controlplane.streams.StoredStream;
import dev.sluice.controlplane.streams.StreamService;
import dev.sluice.controlplane.streams.StreamTopicNames;
import java.nio.charset.StandardCharsets;
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
 * Reads the records that pass a point of a stream as they come, for {@code sluice tap} and the Web
 * UI: each call
 * waits up to a while for new records after a cursor (or, without one, after the end of the
 * topics now) and answers them with the cursor to go on from, so a client that calls again misses
 * nothing in between. After a processor, it reads the samples the workers write to the stream's
 * tap topic, with the processor's name in header {@value #STAGE_HEADER}. Reads with no consumer group, so it commits nothing and disturbs no stream.
 * Thread-safe: each call has its own consumer.
 */
public final class TapService {

  /** The header naming the processor a sample was taken after; the workers' {@code StageTap} writes it. */
  static final String STAGE_HEADER = "sluice.tap.stage";

  /**
   * One record seen.
   *
   * @param topic where it is
   * @param partition its partition
   * @param offset its offset
   * @param timestamp its timestamp
   * @param key its key bytes, or null
   * @param value its value bytes, or null
   * @param headers its headers, in order
   * @param stage the processor it was sampled after, or null when it is a record of a topic
   */
  public record Tapped(String topic, int partition, long offset, Instant timestamp, byte[] key, byte[] value,
      Map<String, byte[]> headers, String stage) {}

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
   * The points of the stream a tap can listen at, in the order records pass them.
   *
   * @throws NotFoundException when the stream does not exist
   */
  public List<TapPoint> points(String namespace, String name) {
    return TapPoint.all(stream(namespace, name).spec());
  }

  /**
   * Up to {@code limit} records that pass point {@code at} of the stream after {@code cursor}
   * ({@code null}: after now), waiting up to {@code wait} for the first.
   *
   * @throws NotFoundException when the stream does not exist
   * @throws IllegalArgumentException when the stream has no such point, or the cursor is not one
   *     this service gave
   */
  public Page tap(String namespace, String name, String at, String cursor, int limit, Duration wait) {
    StoredStream stream = stream(namespace, name);
    TapPoint point = TapPoint.of(at, stream.spec()).orElseThrow(() -> new IllegalArgumentException("at=" + at
        + " is not a point of stream " + namespace + "/" + name + "; use one of " + TapPoint.all(stream.spec())
            .stream().map(TapPoint::word).collect(Collectors.joining(", "))));
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
            Map<String, byte[]> headers = headers(r);
            String stage = point.sampled() ? text(headers.remove(STAGE_HEADER)) : null;
            if (!point.sampled() || point.stage().equals(stage)) {
              seen.add(new Tapped(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()), r.key(),
                  r.value(), headers, stage));
            }
            positions.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
          }
        }
      } while (seen.isEmpty() && System.nanoTime() < deadline);
      return new Page(seen, format(positions));
    }
  }

  private StoredStream stream(String namespace, String name) {
    return streams.get(namespace, name).orElseThrow(() -> new NotFoundException("stream "
        + namespace + "/" + name + " does not exist; list streams with GET /api/v1/streams"));
  }

  private static Map<String, byte[]> headers(ConsumerRecord<byte[], byte[]> r) {
    Map<String, byte[]> headers = new LinkedHashMap<>();
    r.headers().forEach(h -> headers.put(h.key(), h.value()));
    return headers;
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
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
