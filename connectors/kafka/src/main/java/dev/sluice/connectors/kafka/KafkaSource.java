package dev.sluice.connectors.kafka;

import dev.sluice.api.Problem;
import dev.sluice.api.component.SourceConnector;
import dev.sluice.api.component.SourceContext;
import dev.sluice.api.component.SourceRecord;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.record.Record;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code kafka} input on an external cluster: reads its topics into the stream.
 *
 * <p>Partitions are assigned, not subscribed: each instance of the stream reads its {@link
 * PartitionShare} without a group rebalance, and Sluice, not Kafka, keeps the position: each
 * record's position holds the next offset of every partition the instance reads ({@link
 * SourcePosition}). At start a partition resumes at its stored offset; failing that at the
 * offset committed to the consumer group (which covers partitions that moved between instances
 * when the parallelism changed); failing that at its start or end, as {@code start} says. Once a
 * position is durable ({@link #acknowledge}) it is also committed to the group, asynchronously,
 * so lag shows in the cluster's tools; a failed commit is logged and changes nothing else.
 *
 * <p>Partitions added to the topics later are found within a minute and read from their start.
 * A stored offset the cluster no longer has (deleted by retention, or a re-created topic) is
 * logged as a warning and reading goes on from the partition's start. Values are decoded in
 * the configured format; one that does not decode stops the input after the records before it,
 * naming topic, partition and offset (a permanent error, for the stream's owner to resolve).
 *
 * <p>Nothing reaches the network in {@link #start}: the partitions are looked up at the first
 * poll, so a cluster that is down is a retriable error of the poll. Used by one thread, as
 * {@link SourceConnector} says.
 */
final class KafkaSource implements SourceConnector {

  private static final Logger log = LoggerFactory.getLogger(KafkaSource.class);

  private final long refreshNanos;
  private KafkaSourceConfig config;
  private String stream;
  private int instance;
  private int instances;
  private Map<TopicPartition, Long> stored = Map.of();
  private Consumer<byte[], byte[]> consumer;
  /** Next offset of each partition read, as handed over so far. */
  private final Map<TopicPartition, Long> next = new LinkedHashMap<>();
  private final Deque<ConsumerRecord<byte[], byte[]>> pending = new ArrayDeque<>();
  private boolean assigned;
  private long refreshAt;

  KafkaSource() {
    this(Duration.ofMinutes(1));
  }

  /** @param refresh how often to look for partitions added to the topics */
  KafkaSource(Duration refresh) {
    this.refreshNanos = refresh.toNanos();
  }

  @Override
  public void start(SourceContext context) throws ComponentException {
    config = KafkaSourceConfig.from(context);
    stream = context.stream();
    instance = context.instance();
    instances = context.instances();
    if (context.committedPosition().isPresent()) {
      stored = SourcePosition.read(context.committedPosition().get());
    }
    LoginModuleGuard.install();
    String clientId = "sluice-" + stream.replace('/', '-') + "-" + instance + "-source";
    try {
      consumer = new KafkaConsumer<>(config.consumerConfig(clientId), new ByteArrayDeserializer(),
          new ByteArrayDeserializer());
    } catch (KafkaException | IllegalArgumentException e) {
      throw KafkaErrors.cannotCreate(e);
    }
    log.info("kafka input of {} instance {} of {} reads {} from {} (group {})", stream, instance,
        instances, config.topics(), config.connection().bootstrap(), config.group());
  }

  @Override
  public List<SourceRecord> poll(Duration timeout) throws ComponentException {
    try {
      if (!assigned || (pending.isEmpty() && System.nanoTime() - refreshAt > 0)) {
        assign();
      }
      if (pending.isEmpty()) {
        if (next.isEmpty()) {
          pause(timeout);
          return List.of();
        }
        consumer.poll(timeout).forEach(pending::add);
      }
      return handOver();
    } catch (OffsetOutOfRangeException e) {
      restartOutOfRange(e.offsetOutOfRangePartitions());
      return List.of();
    } catch (InterruptException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } catch (KafkaException e) {
      throw KafkaErrors.classify(e, "reading " + config.topics() + " from "
          + config.connection().bootstrap(), config.connection().bootstrap(), topicsText());
    }
  }

  @Override
  public void acknowledge(Map<String, Object> position) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
    try {
      SourcePosition.read(position).forEach((tp, offset) -> {
        if (next.containsKey(tp)) {
          offsets.put(tp, new OffsetAndMetadata(offset));
        }
      });
    } catch (ConfigException e) {
      log.warn("kafka input of {}: not committing an unreadable position {}", stream, position);
      return;
    }
    if (!offsets.isEmpty()) {
      consumer.commitAsync(offsets, (committed, error) -> {
        if (error != null) {
          log.warn("kafka input of {}: committing offsets to group {} failed (positions are kept "
              + "by Sluice; only the group's lag is behind): {}", stream, config.group(),
              error.getMessage());
        }
      });
    }
  }

  @Override
  public void close() {
    if (consumer != null) {
      try {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      } catch (KafkaException e) {
        log.debug("closing the consumer of {} failed", stream, e);
      }
    }
  }

  /**
   * Looks up the topics' partitions, takes this instance's share and positions the partitions it
   * has not read yet. Runs at the first poll and then every minute, so added partitions are read.
   */
  private void assign() throws ConfigException {
    List<TopicPartition> all = new ArrayList<>();
    for (String topic : config.topics()) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic);
      if (partitions == null || partitions.isEmpty()) {
        if (!assigned) {
          throw new ConfigException(List.of(Problem.at("topics", topic, "topic '" + topic
              + "' does not exist on " + config.connection().bootstrap() + "; create it, or fix "
              + "the name")));
        }
        log.warn("kafka input of {}: topic {} has disappeared", stream, topic);
        continue;
      }
      partitions.forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
    }
    List<TopicPartition> owned = PartitionShare.of(all, instance, instances);
    Set<TopicPartition> added = new HashSet<>(owned);
    added.removeAll(next.keySet());
    refreshAt = System.nanoTime() + refreshNanos;
    if (added.isEmpty() && owned.size() == next.size()) {
      assigned = true;
      return;
    }
    next.keySet().retainAll(owned);
    consumer.assign(owned);
    next.forEach(consumer::seek);
    Map<TopicPartition, OffsetAndMetadata> committed = committed(added);
    for (TopicPartition tp : added) {
      Long offset = stored.get(tp);
      if (offset == null && committed.get(tp) != null) {
        offset = committed.get(tp).offset();
      }
      if (offset != null) {
        consumer.seek(tp, offset);
      } else if (assigned || !config.startAtEnd()) {
        consumer.seekToBeginning(List.of(tp));
      } else {
        consumer.seekToEnd(List.of(tp));
      }
    }
    for (TopicPartition tp : owned) {
      if (added.contains(tp)) {
        next.put(tp, consumer.position(tp));
      }
    }
    log.info("kafka input of {} instance {} reads {}", stream, instance, next);
    assigned = true;
  }

  /**
   * The group's committed offsets of {@code partitions}; none when the user may not read the
   * group, which is only a fallback.
   */
  private Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    try {
      return consumer.committed(partitions);
    } catch (GroupAuthorizationException e) {
      log.warn("kafka input of {}: may not read the offsets of group {} ({}); partitions without "
          + "a stored position start at the {}", stream, config.group(), e.getMessage(),
          config.startAtEnd() ? "end" : "beginning");
      return Map.of();
    }
  }

  /** The pending records up to the first whose value does not decode. */
  private List<SourceRecord> handOver() throws PermanentException {
    List<SourceRecord> batch = new ArrayList<>(pending.size());
    while (!pending.isEmpty()) {
      ConsumerRecord<byte[], byte[]> r = pending.peek();
      Object value;
      try {
        value = config.format().decode(r.value());
      } catch (IOException e) {
        if (batch.isEmpty()) {
          throw new PermanentException(r.topic() + " partition " + r.partition() + " offset "
              + r.offset() + ": the value is not " + config.format().name().toLowerCase(
                  Locale.ROOT) + " (" + String.valueOf(e.getMessage()).lines().findFirst()
                  .orElse("") + "); read the topic with format string or bytes, or move the "
              + "stream's stored position past this record", e);
        }
        break;
      }
      pending.poll();
      TopicPartition tp = new TopicPartition(r.topic(), r.partition());
      next.put(tp, r.offset() + 1);
      Map<String, byte[]> headers = new LinkedHashMap<>();
      for (Header h : r.headers()) {
        headers.put(h.key(), h.value());
      }
      Record record = new Record(KafkaFormat.decodeKey(r.key()), value, headers, r.timestamp());
      batch.add(new SourceRecord(record, SourcePosition.of(next)));
    }
    return batch;
  }

  /** Goes on from each partition's start after its stored offset was found missing. */
  private void restartOutOfRange(Map<TopicPartition, Long> missing) {
    Map<TopicPartition, Long> first = consumer.beginningOffsets(missing.keySet());
    missing.forEach((tp, offset) -> {
      log.warn("kafka input of {}: {} has no offset {} any more (deleted by retention, or the "
          + "topic was re-created); reading on from its first offset, {}", stream, tp, offset,
          first.get(tp));
      consumer.seek(tp, first.get(tp));
      next.put(tp, first.get(tp));
    });
  }

  private String topicsText() {
    return "topics " + String.join(", ", config.topics());
  }

  private static void pause(Duration timeout) {
    try {
      Thread.sleep(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
