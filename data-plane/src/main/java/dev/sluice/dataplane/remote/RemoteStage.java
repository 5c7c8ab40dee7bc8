package dev.sluice.dataplane.remote;

import com.google.protobuf.ByteString;
import dev.sluice.api.error.PermanentException;
import dev.sluice.dataplane.pipeline.DeadLetters;
import dev.sluice.dataplane.pipeline.ErrorPolicyRunner;
import dev.sluice.dataplane.pipeline.ErrorPolicyRunner.Outcome;
import dev.sluice.dataplane.pipeline.InstanceCounters;
import dev.sluice.dataplane.pipeline.RecordSource;
import dev.sluice.dataplane.pipeline.StageCounters;
import dev.sluice.dataplane.pipeline.StageFailedException;
import dev.sluice.dataplane.pipeline.StreamPlan;
import dev.sluice.proto.v1.Header;
import dev.sluice.proto.v1.PluginRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a stream's out-of-process processors, one after the other, as a stage between two topics
 * (ADR 8), on a thread of its own: polls a batch from the topic before the stage, hands it to each
 * plugin through its {@link RemoteProcessor}, writes the results to the topic after the stage with
 * the keys the plugin gave, each to the partition its input was read from (both topics have one
 * partition count, so order per key holds), and commits the offsets it read only after Kafka
 * acknowledged every result. A crash before the commit means the batch is processed again:
 * at-least-once.
 *
 * <p>A record a plugin refuses for good meets the stream's error policy under the processor's
 * stage name ({@code p<i>-plugin}): tried again alone under {@code retry}, dropped, dead-lettered
 * as it entered that plugin with the usual headers, or the stage stops and the instance fails.
 */
public final class RemoteStage implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RemoteStage.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

  /** What the stage tells its owner. */
  public interface Listener {
    void failed(String error);
  }

  /**
   * One plugin of the stage.
   *
   * @param name the processor's stage name, {@code p<i>-plugin}
   * @param client the connection to the plugin
   */
  public record Plugin(String name, RemoteProcessor client) {}

  /** A record on its way through the stage, with the one read from Kafka it came from. */
  private record Item(ConsumerRecord<byte[], byte[]> read, PluginRecord record) {}

  /** Its first processor's stage name, such as {@code p1-plugin}; its counters go by it. */
  private final String name;
  private final List<Plugin> plugins;
  private final String inputTopic;
  private final String outputTopic;
  private final String deadLetterTopic;
  private final ErrorPolicyRunner errors;
  private final InstanceCounters counters;
  private final StageCounters stageCounters;
  private final Listener listener;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> producer;
  private final Map<MetricName, ? extends Metric> consumerMetrics;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean closing;

  /**
   * A stage for {@code segment} of the plan's stream, calling {@code plugins} in order; {@link
   * #start} runs it.
   */
  public RemoteStage(StreamPlan plan, StreamPlan.Segment segment, List<Plugin> plugins, String bootstrapServers,
      String clientId, InstanceCounters counters, Listener listener) {
    this.name = plan.stageName(segment.from());
    this.plugins = List.copyOf(plugins);
    this.inputTopic = plan.inputTopics(segment).get(0);
    this.outputTopic = plan.outputTopic(segment);
    this.deadLetterTopic = plan.deadLetters() ? plan.topics().deadLetter() : null;
    this.errors = new ErrorPolicyRunner(plan.definition().spec().errors(), d -> Thread.sleep(d.toMillis()));
    this.counters = counters;
    this.stageCounters = counters.stage(name);
    this.listener = listener;
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, plan.topics().stageGroup(segment.from()),
        ConsumerConfig.CLIENT_ID_CONFIG, clientId,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000,
        // A dead worker's partitions move to the others after this, as for the topology.
        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.consumerMetrics = consumer.metrics();
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.CLIENT_ID_CONFIG, clientId,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new ByteArraySerializer(), new ByteArraySerializer());
    this.thread = new Thread(this::run, "sluice-" + clientId);
  }

  public void start() {
    thread.start();
  }

  /** The stage consumer's metrics, a live view safe to read from any thread. */
  public Map<MetricName, ? extends Metric> consumerMetrics() {
    return consumerMetrics;
  }

  private void run() {
    try {
      consumer.subscribe(List.of(inputTopic));
      while (!closing) {
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
        consumer.poll(POLL_TIMEOUT).forEach(batch::add);
        if (batch.isEmpty()) {
          continue;
        }
        stageCounters.countIn(batch.size());
        List<Item> items = batch.stream().map(r -> new Item(r, toPlugin(r))).toList();
        for (Plugin plugin : plugins) {
          items = through(plugin, items);
        }
        write(items);
        commit(batch);
      }
    } catch (WakeupException | InterruptedException e) {
      // closing: what was not committed is read again by whoever holds the partitions next
    } catch (StageFailedException e) {
      if (!closing) {
        listener.failed(e.getMessage());
      }
    } catch (ExecutionException | RuntimeException e) {
      if (!closing) {
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        log.error("out-of-process stage {} failed", name, cause);
        listener.failed("out-of-process stage " + name + " failed: " + cause.getMessage());
      }
    } finally {
      stopped.countDown();
    }
  }

  /** What {@code plugin} makes of {@code items}: its output records, after the error policy saw each refusal. */
  private List<Item> through(Plugin plugin, List<Item> items) throws InterruptedException, ExecutionException {
    List<RemoteResult> results = plugin.client().process(items.stream().map(Item::record).toList()).get();
    List<Item> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      List<PluginRecord> records = switch (results.get(i)) {
        case RemoteResult.Output output -> output.records();
        case RemoteResult.Failed failed -> refused(plugin, item, failed);
      };
      records.forEach(r -> out.add(new Item(item.read(), r)));
    }
    return out;
  }

  /** The output of a record {@code plugin} refused, once the error policy had its say: none unless a retry passed. */
  private List<PluginRecord> refused(Plugin plugin, Item item, RemoteResult.Failed failed)
      throws InterruptedException, ExecutionException {
    stageCounters.countError();
    ConsumerRecord<byte[], byte[]> read = item.read();
    RecordSource source = new RecordSource(read.topic(), read.partition(), read.offset());
    boolean[] first = {true};
    Outcome<List<PluginRecord>> outcome = errors.run(plugin.name(), source, () -> {
      if (first[0]) {
        first[0] = false;
        throw new PermanentException(failed.message(), null);
      }
      return switch (plugin.client().process(List.of(item.record())).get().get(0)) {
        case RemoteResult.Output output -> output.records();
        case RemoteResult.Failed again -> throw new PermanentException(again.message(), null);
      };
    });
    switch (outcome) {
      case Outcome.Done<List<PluginRecord>> done -> {
        return done.value();
      }
      case Outcome.Dropped<List<PluginRecord>> dropped -> counters.countDropped();
      case Outcome.DeadLetter<List<PluginRecord>> dead -> {
        deadLetter(plugin.name(), item, dead.error());
        counters.countDeadLettered();
      }
    }
    return List.of();
  }

  private void deadLetter(String stage, Item item, Exception error) throws InterruptedException, ExecutionException {
    PluginRecord record = item.record();
    RecordHeaders headers = headers(record);
    ConsumerRecord<byte[], byte[]> read = item.read();
    DeadLetters.describe(headers, stage, read.topic(), read.partition(), read.offset(), error, Instant.now());
    producer.send(new ProducerRecord<>(deadLetterTopic, null, record.getTimestampMs(),
        record.hasKey() ? record.getKey().toByteArray() : null,
        record.hasValue() ? record.getValue().toByteArray() : null, headers)).get();
  }

  /** Writes every item to the partition its input came from, and waits until Kafka has them all. */
  private void write(List<Item> items) throws InterruptedException, ExecutionException {
    List<Future<RecordMetadata>> sent = new ArrayList<>(items.size());
    for (Item item : items) {
      PluginRecord r = item.record();
      sent.add(producer.send(new ProducerRecord<>(outputTopic, item.read().partition(), r.getTimestampMs(),
          r.hasKey() ? r.getKey().toByteArray() : null, r.hasValue() ? r.getValue().toByteArray() : null,
          headers(r))));
    }
    producer.flush();
    for (Future<RecordMetadata> ack : sent) {
      ack.get();
    }
    stageCounters.countOut(items.size());
  }

  /** Commits past {@code batch}; after a rebalance took its partitions, their new owner reads it again. */
  private void commit(List<ConsumerRecord<byte[], byte[]>> batch) {
    Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : batch) {
      positions.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
    }
    try {
      consumer.commitSync(positions);
    } catch (CommitFailedException | RebalanceInProgressException e) {
      log.info("stage {}: offsets not committed after a rebalance; the records will be processed again ({})",
          thread.getName(), e.getMessage());
    }
  }

  private static PluginRecord toPlugin(ConsumerRecord<byte[], byte[]> read) {
    PluginRecord.Builder record = PluginRecord.newBuilder().setTimestampMs(read.timestamp());
    if (read.key() != null) {
      record.setKey(ByteString.copyFrom(read.key()));
    }
    if (read.value() != null) {
      record.setValue(ByteString.copyFrom(read.value()));
    }
    read.headers().forEach(h -> record.addHeaders(Header.newBuilder().setKey(h.key())
        .setValue(h.value() == null ? ByteString.EMPTY : ByteString.copyFrom(h.value()))));
    return record.build();
  }

  private static RecordHeaders headers(PluginRecord record) {
    RecordHeaders headers = new RecordHeaders();
    record.getHeadersList().forEach(h -> headers.add(h.getKey(), h.getValue().toByteArray()));
    return headers;
  }

  /**
   * Stops reading and lets the batch in flight finish; one still waiting for a plugin after a
   * grace is abandoned, uncommitted, for whoever reads the partitions next. Closes the plugins'
   * connections, not the plugins.
   */
  @Override
  public void close() {
    closing = true;
    consumer.wakeup();
    if (thread.getState() == Thread.State.NEW) {
      stopped.countDown();
    }
    try {
      if (!stopped.await(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        plugins.forEach(p -> p.client().close());
        thread.interrupt();
        stopped.await(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      plugins.forEach(p -> p.client().close());
      consumer.close();
      producer.close(CLOSE_GRACE);
    }
  }
}
