package dev.sluice.dataplane.connect;

import dev.sluice.api.component.Batching;
import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.SinkConnector;
import dev.sluice.api.definition.ErrorPolicy;
import dev.sluice.api.definition.ErrorPolicy.Action;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.record.Record;
import dev.sluice.dataplane.pipeline.Backoff;
import dev.sluice.dataplane.pipeline.DeadLetters;
import dev.sluice.dataplane.pipeline.InstanceCounters;
import dev.sluice.dataplane.pipeline.RecordFormat;
import dev.sluice.dataplane.pipeline.StreamPlan;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sink connector instance on its own thread: reads the stream's egress topic in the
 * stream's sink group, hands batches to the connector, and commits offsets only after the
 * connector returned, so nothing counts as delivered before the destination has it.
 *
 * <p>Transient failures are retried, with capped exponential backoff, for as long as they last.
 * A record the destination refuses for good meets the stream's error policy.
 */
public final class SinkRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SinkRunner.class);
  private static final String STAGE = "output";
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** What the runner tells its owner. */
  public interface Listener {
    void failed(String error);
  }

  private final SinkConnector connector;
  private final ComponentContext context;
  private final StreamPlan plan;
  private final ErrorPolicy policy;
  private final InstanceCounters counters;
  private final Listener listener;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> deadLetters;
  private final Thread thread;
  private final Map<MetricName, ? extends Metric> consumerMetrics;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);

  public SinkRunner(SinkConnector connector, ComponentContext context, StreamPlan plan, String bootstrapServers,
      InstanceCounters counters, Listener listener) {
    this.connector = connector;
    this.context = context;
    this.plan = plan;
    this.policy = plan.definition().spec().errors();
    this.counters = counters;
    this.listener = listener;
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, plan.topics().sinkGroup(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.consumerMetrics = consumer.metrics();
    this.deadLetters = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    this.thread = new Thread(this::run, "sluice-sink-" + context.stream() + "-" + context.instance());
    // Plugins find their own resources (ServiceLoader, JDBC drivers) through it.
    thread.setContextClassLoader(connector.getClass().getClassLoader());
  }

  public void start() {
    thread.start();
  }

  /** The sink consumer's metrics, a live view safe to read from any thread. */
  public Map<MetricName, ? extends Metric> consumerMetrics() {
    return consumerMetrics;
  }

  private void run() {
    Retrying retrying = new Retrying(closing, "output of " + context.stream());
    try {
      if (retrying.call(new Backoff(FIRST_BACKOFF, MAX_BACKOFF), this::startConnector).isEmpty()) {
        return;
      }
      Batching batching = connector.batching();
      consumer.subscribe(List.of(plan.topics().egress()));
      while (retrying.isOpen()) {
        List<ConsumerRecord<byte[], byte[]>> gathered = gather(batching);
        for (int from = 0; from < gathered.size(); from += batching.maxRecords()) {
          List<ConsumerRecord<byte[], byte[]>> batch =
              gathered.subList(from, Math.min(from + batching.maxRecords(), gathered.size()));
          int done = deliver(batch, retrying);
          consumer.commitSync(positionsAfter(batch.subList(0, done)));
          if (done < batch.size()) {
            return;
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ComponentException | ExecutionException | RuntimeException e) {
      log.error("output of {} failed", context.stream(), e);
      listener.failed("output failed: " + e.getMessage());
    } finally {
      stopped.countDown();
    }
  }

  private boolean startConnector() throws ComponentException {
    connector.start(context);
    return true;
  }

  /**
   * Polls until {@code batching.maxRecords()} records arrived or its linger passed since the
   * first one; may return more than the maximum (whatever the last poll brought) or none.
   */
  private List<ConsumerRecord<byte[], byte[]>> gather(Batching batching) {
    List<ConsumerRecord<byte[], byte[]>> gathered = new ArrayList<>();
    consumer.poll(POLL_TIMEOUT).forEach(gathered::add);
    long deadline = System.nanoTime() + batching.linger().toNanos();
    while (!gathered.isEmpty() && gathered.size() < batching.maxRecords()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      consumer.poll(Duration.ofNanos(left)).forEach(gathered::add);
    }
    return gathered;
  }

  /** The offsets to commit once {@code delivered} are done: one past the last of each partition. */
  private static Map<TopicPartition, OffsetAndMetadata> positionsAfter(
      List<ConsumerRecord<byte[], byte[]>> delivered) {
    Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : delivered) {
      positions.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
    }
    return positions;
  }

  /**
   * Delivers the batch in order: each record written, dropped or dead-lettered, once. Returns how
   * many are done; fewer than all only when the runner closes during an outage, and then the rest
   * is neither written nor committed.
   */
  private int deliver(List<ConsumerRecord<byte[], byte[]>> batch, Retrying retrying)
      throws ComponentException, InterruptedException, ExecutionException {
    int from = 0;
    Backoff backoff = new Backoff(policy.retry().backoff(), policy.retry().maxBackoff());
    while (from < batch.size()) {
      List<Record> records = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> r : batch.subList(from, batch.size())) {
        records.add(decode(r));
      }
      try {
        return retrying.call(backoff, () -> write(records)).isPresent() ? batch.size() : from;
      } catch (PermanentException e) {
        int failed = from + e.recordIndex().orElse(0);
        refuse(batch.get(failed), e, retrying);
        from = failed + 1;
      }
    }
    return from;
  }

  private boolean write(List<Record> records) throws ComponentException {
    connector.write(records);
    return true;
  }

  private void refuse(ConsumerRecord<byte[], byte[]> record, PermanentException error, Retrying retrying)
      throws ComponentException, InterruptedException, ExecutionException {
    if (policy.policy() == Action.RETRY && retryAlone(record, retrying)) {
      return;
    }
    Action action = policy.policy() == Action.RETRY ? policy.fallback() : policy.policy();
    switch (action) {
      case DROP -> counters.countDropped();
      case DEAD_LETTER -> {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        DeadLetters.describe(headers, STAGE, record.topic(), record.partition(), record.offset(), error, Instant.now());
        deadLetters.send(new ProducerRecord<>(plan.topics().deadLetter(), null, record.timestamp(), record.key(),
            record.value(), headers)).get();
        counters.countDeadLettered();
      }
      case FAIL, RETRY -> throw error;
    }
  }

  /** Under policy retry, writes the refused record alone a few more times; true once it is accepted. */
  private boolean retryAlone(ConsumerRecord<byte[], byte[]> record, Retrying retrying)
      throws InterruptedException {
    Backoff backoff = new Backoff(policy.retry().backoff(), policy.retry().maxBackoff());
    for (int attempt = 0; attempt < policy.retry().max(); attempt++) {
      retrying.pause(backoff.next(Optional.empty()));
      try {
        connector.write(List.of(decode(record)));
        return true;
      } catch (ComponentException e) {
        log.debug("retry {} of a refused record failed: {}", attempt + 1, e.getMessage());
      }
    }
    log.warn("output of {} refused a record {} times; applying the fallback", context.stream(),
        policy.retry().max() + 1);
    return false;
  }

  private Record decode(ConsumerRecord<byte[], byte[]> r) {
    Map<String, byte[]> headers = new LinkedHashMap<>();
    for (Header h : r.headers()) {
      headers.put(h.key(), h.value());
    }
    try {
      return new Record(RecordFormat.decodeKey(r.key()), plan.outputFormat().decode(r.value()), headers, r.timestamp());
    } catch (IOException e) {
      throw new IllegalStateException("the egress topic holds a record Sluice did not write: " + e.getMessage(), e);
    }
  }

  /** Stops reading, lets the batch in flight finish, and closes the connector. */
  @Override
  public void close() {
    closing.countDown();
    consumer.wakeup();
    try {
      if (!stopped.await(30, TimeUnit.SECONDS)) {
        thread.interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      consumer.close();
      deadLetters.close();
      connector.close();
    }
  }
}
