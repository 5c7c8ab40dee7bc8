package dev.sluice.controlplane.dlq;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one dead-letter topic without a consumer group, committing nothing: a range in position
 * order (partition, then offset), or given positions. Sees committed records only, as the stream's
 * exactly-once consumers would. Opens its own consumer, so one reader serves one request, on one
 * thread; every call fails with {@link DlqUnavailableException} once the reader is older than its
 * time budget.
 */
final class DeadLetterReader implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final Instant deadline;
  private final List<PartitionRange> ranges;

  private DeadLetterReader(KafkaConsumer<byte[], byte[]> consumer, String topic, int partitions,
      Duration budget) {
    this.consumer = consumer;
    this.topic = topic;
    this.deadline = Instant.now().plus(budget);
    List<TopicPartition> all = IntStream.range(0, partitions)
        .mapToObj(p -> new TopicPartition(topic, p)).toList();
    try {
      // Assigned first: offsets answered for partitions not assigned are logged as warnings.
      consumer.assign(all);
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(all, budget);
      Map<TopicPartition, Long> end = consumer.endOffsets(all, budget);
      this.ranges = all.stream().map(tp -> new PartitionRange(tp.partition(), begin.get(tp),
          end.get(tp))).toList();
    } catch (KafkaException e) {
      throw unavailable(e);
    }
  }

  /**
   * Opens a reader of {@code topic}, which has {@code partitions} partitions.
   *
   * @param budget how long the reader may take, in all
   */
  static DeadLetterReader open(String bootstrapServers, String topic, int partitions,
      Duration budget) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.CLIENT_ID_CONFIG, "sluice-control-plane-dlq",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config);
    try {
      return new DeadLetterReader(consumer, topic, partitions, budget);
    } catch (RuntimeException e) {
      consumer.close(CloseOptions.timeout(Duration.ZERO));
      throw e;
    }
  }

  /** What each partition holds now, as this reader saw it when it opened. */
  List<PartitionRange> ranges() {
    return ranges;
  }

  /**
   * Up to {@code limit} dead letters in position order, after {@code after} (or from the start,
   * when null) up to and including {@code upTo} (or to the end, when null).
   */
  List<DeadLetter> scan(DlqPosition after, DlqPosition upTo, int limit) {
    List<DeadLetter> letters = new ArrayList<>();
    for (PartitionRange range : ranges) {
      int p = range.partition();
      if ((after != null && p < after.partition()) || (upTo != null && p > upTo.partition())) {
        continue;
      }
      long from = after != null && p == after.partition()
          ? Math.max(range.start(), after.offset() + 1) : range.start();
      long to = upTo != null && p == upTo.partition()
          ? Math.min(range.end(), upTo.offset() + 1) : range.end();
      read(new TopicPartition(topic, p), from, to, limit, letters, false);
      if (letters.size() >= limit) {
        break;
      }
    }
    return letters;
  }

  /** Whether there are offsets after {@code last}, up to and including {@code upTo} when given. */
  boolean hasAfter(DlqPosition last, DlqPosition upTo) {
    return ranges.stream().anyMatch(r -> {
      long from = r.partition() == last.partition() ? last.offset() + 1 : r.start();
      long to = upTo != null && r.partition() == upTo.partition() ? upTo.offset() + 1 : r.end();
      boolean inBounds = r.partition() >= last.partition()
          && (upTo == null || r.partition() <= upTo.partition());
      return inBounds && from < Math.min(to, r.end());
    });
  }

  /** The dead letters at {@code wanted} that exist; positions the topic lacks are absent. */
  Map<DlqPosition, DeadLetter> find(SortedSet<DlqPosition> wanted) {
    Map<DlqPosition, DeadLetter> found = new HashMap<>();
    int partition = -1;
    long covered = 0;
    for (DlqPosition position : wanted) {
      if (position.partition() != partition) {
        partition = position.partition();
        covered = 0;
      }
      if (position.offset() < covered || partition >= ranges.size()
          || position.offset() < ranges.get(partition).start()
          || position.offset() >= ranges.get(partition).end()) {
        continue;
      }
      // One batch from the wanted offset on answers it, and the next wanted ones it covers.
      List<DeadLetter> batch = new ArrayList<>();
      read(new TopicPartition(topic, partition), position.offset(), ranges.get(partition).end(),
          Integer.MAX_VALUE, batch, true);
      batch.stream().filter(l -> wanted.contains(l.position()))
          .forEach(l -> found.put(l.position(), l));
      covered = batch.isEmpty() ? ranges.get(partition).end()
          : batch.get(batch.size() - 1).position().offset() + 1;
    }
    return found;
  }

  /**
   * Adds the records of {@code partition} from offset {@code from} to before {@code to} to {@code
   * into} until it holds {@code limit}; with {@code oneBatch}, stops after the first batch.
   */
  private void read(TopicPartition partition, long from, long to, int limit,
      List<DeadLetter> into, boolean oneBatch) {
    if (from >= to || into.size() >= limit) {
      return;
    }
    try {
      consumer.assign(List.of(partition));
      consumer.seek(partition, from);
      boolean got = false;
      while (into.size() < limit && consumer.position(partition) < to && !(oneBatch && got)) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL).records(partition)) {
          if (r.offset() >= to || into.size() >= limit) {
            break;
          }
          into.add(letter(r));
          got = true;
        }
        if (Instant.now().isAfter(deadline)) {
          throw new DlqUnavailableException("reading the dead-letter topic " + topic
              + " took too long; ask for fewer records", null);
        }
      }
    } catch (KafkaException e) {
      throw unavailable(e);
    }
  }

  private DeadLetter letter(ConsumerRecord<byte[], byte[]> r) {
    List<DeadLetter.Header> headers = new ArrayList<>();
    for (Header h : r.headers()) {
      headers.add(new DeadLetter.Header(h.key(), h.value()));
    }
    return new DeadLetter(new DlqPosition(r.partition(), r.offset()),
        Instant.ofEpochMilli(r.timestamp()), r.key(), r.value(), headers);
  }

  private DlqUnavailableException unavailable(KafkaException e) {
    return new DlqUnavailableException("the system Kafka cluster did not answer while reading "
        + topic + " (" + e.getMessage() + "); try again", e);
  }

  @Override
  public void close() {
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
  }
}
