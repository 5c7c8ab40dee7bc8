package dev.sluice.dataplane.connect;

import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.SinkConnector;
import dev.sluice.api.definition.ErrorPolicy;
import dev.sluice.api.definition.ErrorPolicy.Action;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.record.Record;
import dev.sluice.dataplane.pipeline.DeadLetters;
import dev.sluice.dataplane.pipeline.InstanceCounters;
import dev.sluice.dataplane.pipeline.RecordFormat;
import dev.sluice.dataplane.pipeline.StreamPlan;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;

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
    this.deadLetters = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    this.thread = new Thread(this::run, "sluice-sink-" + context.stream() + "-" + context.instance());
  }

  public void start() {
    thread.start();
  }

  private void run() {
    try {
      connector.start(context);
      consumer.subscribe(List.of(plan.topics().egress()));
      while (running) {
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
        consumer.poll(Duration.ofMillis(200)).forEach(batch::add);
        if (!batch.isEmpty()) {
          deliver(batch);
          consumer.commitSync();
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

  /** Delivers the whole batch: written, dropped or dead-lettered, each record once. */
  private void deliver(List<ConsumerRecord<byte[], byte[]>> batch)
      throws ComponentException, InterruptedException, ExecutionException {
    int from = 0;
    Duration backoff = policy.retry().backoff();
    while (from < batch.size() && running) {
      List<Record> records = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> r : batch.subList(from, batch.size())) {
        records.add(decode(r));
      }
      try {
        connector.write(records);
        return;
      } catch (RetriableException e) {
        Duration wait = e.backoffHint().orElse(backoff);
        log.warn("output of {} is not accepting records ({}); retrying in {}", context.stream(), e.getMessage(), wait);
        Thread.sleep(wait.toMillis());
        backoff = min(backoff.multipliedBy(2), policy.retry().maxBackoff());
      } catch (PermanentException e) {
        int failed = from + e.recordIndex().orElse(0);
        refuse(batch.get(failed), e);
        from = failed + 1;
      }
    }
  }

  private void refuse(ConsumerRecord<byte[], byte[]> record, PermanentException error)
      throws ComponentException, InterruptedException, ExecutionException {
    if (policy.policy() == Action.RETRY && retryAlone(record)) {
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
  private boolean retryAlone(ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
    Duration backoff = policy.retry().backoff();
    for (int attempt = 0; attempt < policy.retry().max(); attempt++) {
      Thread.sleep(backoff.toMillis());
      try {
        connector.write(List.of(decode(record)));
        return true;
      } catch (ComponentException e) {
        log.debug("retry {} of a refused record failed: {}", attempt + 1, e.getMessage());
      }
      backoff = min(backoff.multipliedBy(2), policy.retry().maxBackoff());
    }
    log.warn("output of {} refused a record {} times; applying the fallback", context.stream(),
        policy.retry().max() + 1);
    return false;
  }

  private static Record decode(ConsumerRecord<byte[], byte[]> r) {
    Map<String, byte[]> headers = new LinkedHashMap<>();
    for (Header h : r.headers()) {
      headers.put(h.key(), h.value());
    }
    try {
      return new Record(RecordFormat.decodeKey(r.key()), RecordFormat.JSON.decode(r.value()), headers, r.timestamp());
    } catch (IOException e) {
      throw new IllegalStateException("the egress topic holds a record Sluice did not write: " + e.getMessage(), e);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Stops reading, lets the batch in flight finish, and closes the connector. */
  @Override
  public void close() {
    running = false;
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
