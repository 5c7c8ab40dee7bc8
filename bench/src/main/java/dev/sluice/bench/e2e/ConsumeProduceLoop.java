package dev.sluice.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Variant (a): the least a Java developer would write, one thread polling a {@link KafkaConsumer}
 * and sending to a {@link KafkaProducer}. At-least-once like the others: every second it flushes
 * the producer (waits for every ack) and only then commits the consumed offsets. Client settings
 * are those Kafka Streams uses, so all three variants batch alike: {@code linger.ms=100}, {@code
 * max.poll.records=1000}, {@code acks=all}, idempotent producer.
 */
final class ConsumeProduceLoop implements Pipeline {

  private static final Logger log = LoggerFactory.getLogger(ConsumeProduceLoop.class);
  static final long COMMIT_INTERVAL_MS = 1_000;

  private final String bootstrapServers;
  private final String group;
  private final String input;
  private final String output;
  private volatile boolean running = true;
  private volatile String failure;
  private KafkaConsumer<byte[], byte[]> consumer;
  private Thread thread;

  ConsumeProduceLoop(String bootstrapServers, String group, String input, String output) {
    this.bootstrapServers = bootstrapServers;
    this.group = group;
    this.input = input;
    this.output = output;
  }

  @Override
  public void start() {
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, group,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1_000),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    thread = new Thread(this::run, "loop-" + group);
    thread.start();
  }

  private void run() {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.LINGER_MS_CONFIG, 100,
        ProducerConfig.ACKS_CONFIG, "all"),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      consumer.subscribe(List.of(input));
      long nextCommit = System.currentTimeMillis() + COMMIT_INTERVAL_MS;
      while (running) {
        for (ConsumerRecord<byte[], byte[]> in : consumer.poll(Duration.ofMillis(100))) {
          JsonNode event = EventTransform.decode(in.value());
          if (EventTransform.keep(event)) {
            producer.send(new ProducerRecord<>(output, null, in.timestamp(), in.key(), EventTransform.map(event)),
                (metadata, e) -> {
                  if (e != null) {
                    fail(e);
                  }
                });
          }
        }
        if (System.currentTimeMillis() >= nextCommit) {
          commit(producer);
          nextCommit = System.currentTimeMillis() + COMMIT_INTERVAL_MS;
        }
      }
      commit(producer);
    } catch (WakeupException closing) {
      log.debug("loop {} woken up to close", group);
    } catch (RuntimeException e) {
      fail(e);
    } finally {
      consumer.close();
    }
  }

  /** Waits for every ack, then commits the offsets of everything polled: at-least-once. */
  private void commit(KafkaProducer<byte[], byte[]> producer) {
    producer.flush();
    if (failure == null) {
      consumer.commitSync();
    }
  }

  private void fail(Exception e) {
    failure = e.toString();
    running = false;
    log.error("loop {} failed", group, e);
  }

  @Override
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public void close() {
    running = false;
    if (thread == null) {
      return;
    }
    try {
      thread.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      consumer.wakeup();
    }
  }
}
