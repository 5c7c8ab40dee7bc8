package dev.sluice.dataplane.worker;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.sluice.proto.v1.Assignment;
import dev.sluice.proto.v1.StreamRevision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desired state as the control plane published it: the compacted topics {@value #STREAMS} and
 * {@value #ASSIGNMENTS}, read from the beginning and kept current on a thread of their own. A
 * tombstone removes the entry. The listener runs after each batch that changed something.
 */
final class ControlTopicsView implements AutoCloseable {

  static final String STREAMS = "sluice.streams";
  static final String ASSIGNMENTS = "sluice.assignments";

  private static final Logger log = LoggerFactory.getLogger(ControlTopicsView.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Runnable listener;
  private final Map<String, StreamRevision> streams = new ConcurrentHashMap<>();
  private final Map<String, Assignment> assignments = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  ControlTopicsView(String bootstrapServers, String workerName, Runnable listener) {
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.CLIENT_ID_CONFIG, "sluice-worker-" + workerName + "-control",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
    this.listener = listener;
    this.thread = new Thread(this::run, "sluice-control-topics");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** The latest revision of each stream, by {@code namespace/name}. */
  Map<String, StreamRevision> streams() {
    return Map.copyOf(streams);
  }

  /** The current assignment of each instance, by {@code namespace/name/instance}. */
  Map<String, Assignment> assignments() {
    return Map.copyOf(assignments);
  }

  private void run() {
    try {
      consumer.assign(partitions());
      consumer.seekToBeginning(consumer.assignment());
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) {
          records.forEach(this::apply);
          listener.run();
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("reading the control topics failed; this worker can no longer follow its assignments", e);
    } finally {
      consumer.close();
    }
  }

  /** Waits until both control topics exist: the control plane creates them at boot. */
  private List<TopicPartition> partitions() {
    while (running) {
      List<TopicPartition> found = new ArrayList<>();
      for (String topic : List.of(STREAMS, ASSIGNMENTS)) {
        for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
          found.add(new TopicPartition(topic, p.partition()));
        }
      }
      if (found.stream().map(TopicPartition::topic).distinct().count() == 2) {
        return found;
      }
      log.info("waiting for the control topics {} and {}", STREAMS, ASSIGNMENTS);
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new WakeupException();
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    try {
      if (record.topic().equals(STREAMS)) {
        put(streams, record.key(), record.value() == null ? null : StreamRevision.parseFrom(record.value()));
      } else {
        put(assignments, record.key(), record.value() == null ? null : Assignment.parseFrom(record.value()));
      }
    } catch (InvalidProtocolBufferException e) {
      log.error("skipping an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(),
          record.offset(), e.getMessage());
    }
  }

  private static <V> void put(Map<String, V> map, String key, V value) {
    if (value == null) {
      map.remove(key);
    } else {
      map.put(key, value);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(10_000);
  }
}
