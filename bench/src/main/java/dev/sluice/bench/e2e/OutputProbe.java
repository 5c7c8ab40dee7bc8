package dev.sluice.bench.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Watches output topics from outside the pipelines, so that measuring costs them almost nothing:
 * counts records by end offsets, and reads back the broker's append times ({@code LogAppendTime} on every
 * output topic) after the fact. Not thread-safe.
 */
final class OutputProbe implements AutoCloseable {

  /** A pipeline that writes nothing for this long is taken as stuck. */
  private static final Duration STALL = Duration.ofSeconds(60);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final PrintStream progress;

  OutputProbe(String bootstrapServers, Admin admin, PrintStream progress) {
    this.admin = admin;
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.progress = progress;
  }

  /** The next offset of each partition of {@code topic}, asked of its leader. */
  Map<TopicPartition, Long> endOffsets(String topic) {
    try {
      TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      Map<TopicPartition, OffsetSpec> latest = description.partitions().stream().collect(
          Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((p, info) -> ends.put(p, info.offset()));
      return ends;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the end offsets of " + topic, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read the end offsets of " + topic + ": " + e.getCause(), e);
    }
  }

  long count(String topic) {
    return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Waits until {@code topic} holds at least {@code expected} records, printing progress.
   *
   * @throws IllegalStateException when the pipeline fails or writes nothing for a minute
   */
  void awaitCount(String topic, long expected, Pipeline pipeline) throws InterruptedException {
    long last = -1;
    long lastChange = System.nanoTime();
    long nextReport = System.nanoTime() + PROGRESS_EVERY.toNanos();
    while (true) {
      long count = count(topic);
      if (count >= expected) {
        return;
      }
      pipeline.failure().ifPresent(why -> {
        throw new IllegalStateException("the pipeline writing " + topic + " failed: " + why);
      });
      long now = System.nanoTime();
      if (count != last) {
        last = count;
        lastChange = now;
      } else if (now - lastChange > STALL.toNanos()) {
        throw new IllegalStateException(topic + " stayed at " + count + " of " + expected + " records for "
            + STALL.toSeconds() + " s; the pipeline is stuck (see the log above)");
      }
      if (now >= nextReport) {
        progress.printf("  %s: %,d of %,d output records%n", topic, count, expected);
        nextReport = now + PROGRESS_EVERY.toNanos();
      }
      Thread.sleep(50);
    }
  }

  /**
   * The broker's append time of the first and of the last record in {@code topic}, in epoch
   * millis: append times grow within a partition, so the first and last record of each partition
   * are enough.
   */
  AppendSpan appendSpan(String topic) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (Map.Entry<TopicPartition, Long> end : endOffsets(topic).entrySet()) {
      if (end.getValue() == 0) {
        continue;
      }
      first = Math.min(first, timestampAt(end.getKey(), 0));
      last = Math.max(last, timestampAt(end.getKey(), end.getValue() - 1));
    }
    return new AppendSpan(first, last);
  }

  /** The append times of the first and last record of a topic, in epoch millis. */
  record AppendSpan(long firstMillis, long lastMillis) {

    double seconds() {
      return (lastMillis - firstMillis) / 1_000.0;
    }
  }

  private long timestampAt(TopicPartition partition, long offset) {
    consumer.assign(List.of(partition));
    consumer.seek(partition, offset);
    long deadline = System.nanoTime() + STALL.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
        return r.timestamp();
      }
    }
    throw new IllegalStateException("cannot read offset " + offset + " of " + partition);
  }

  /**
   * End-to-end latency in milliseconds of every record of {@code topic} from {@code from} to the
   * current end: its append time on the output topic minus the {@code ts} its input event was
   * stamped with when it was sent.
   */
  Histogram latencies(String topic, Map<TopicPartition, Long> from) {
    Histogram histogram = new Histogram(Duration.ofMinutes(10).toMillis(), 3);
    forEach(topic, from, r -> histogram.recordValue(Math.max(0, r.timestamp() - ts(r.value()))));
    return histogram;
  }

  private static long ts(byte[] value) {
    try {
      return JSON.readTree(value).path("ts").asLong();
    } catch (IOException e) {
      throw new UncheckedIOException("output record is not JSON", e);
    }
  }

  /** Calls {@code action} on every record of {@code topic} from {@code from} to the current end. */
  void forEach(String topic, Map<TopicPartition, Long> from, Consumer<ConsumerRecord<byte[], byte[]>> action) {
    Map<TopicPartition, Long> end = endOffsets(topic);
    Map<TopicPartition, Long> remaining = new HashMap<>();
    end.forEach((p, offset) -> {
      long start = from.getOrDefault(p, 0L);
      if (offset > start) {
        remaining.put(p, offset);
      }
    });
    consumer.assign(remaining.keySet());
    remaining.keySet().forEach(p -> consumer.seek(p, from.getOrDefault(p, 0L)));
    while (!remaining.isEmpty()) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
        Long stop = remaining.get(new TopicPartition(r.topic(), r.partition()));
        if (stop != null && r.offset() < stop) {
          action.accept(r);
        }
      }
      remaining.entrySet().removeIf(e -> {
        boolean done = consumer.position(e.getKey()) >= e.getValue();
        if (done) {
          consumer.pause(List.of(e.getKey()));
        }
        return done;
      });
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
