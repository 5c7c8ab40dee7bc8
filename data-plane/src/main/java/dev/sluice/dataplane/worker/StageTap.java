package dev.sluice.dataplane.worker;

import dev.sluice.api.record.Record;
import dev.sluice.dataplane.pipeline.RecordFormat;
import dev.sluice.dataplane.pipeline.StageSampler;
import dev.sluice.dataplane.pipeline.StageTrace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live tap's samples of one running instance: its {@link #sampler()} takes at most one record
 * per processor every {@link #TICK}, hides secrets in it ({@link TapRedaction}), and this tap
 * writes it to the stream's tap topic with the stage's name in header {@value #STAGE_HEADER}.
 * Writing happens on a thread of its own, so a stream thread never waits for Kafka; when samples
 * come faster than Kafka takes them, the newest are left out. Samples are copies for people to
 * look at, not records of the stream: they are not part of its transactions, and a record
 * processed again after a crash may be sampled twice.
 */
final class StageTap implements AutoCloseable {

  static final Duration TICK = Duration.ofMillis(200);
  static final String STAGE_HEADER = "sluice.tap.stage";
  private static final Logger log = LoggerFactory.getLogger(StageTap.class);
  private static final int MAX_WAITING = 256;

  private final String topic;
  private final TapRedaction redaction;
  private final KafkaProducer<byte[], byte[]> producer;
  private final BlockingQueue<ProducerRecord<byte[], byte[]>> waiting = new ArrayBlockingQueue<>(MAX_WAITING);
  private final AtomicBoolean warned = new AtomicBoolean();
  private final Thread writer;
  private volatile long tick;
  private volatile boolean open = true;

  /**
   * @param bootstrapServers the system cluster
   * @param topic the stream's tap topic
   * @param clientId the producer's client id
   * @param redaction what to hide in samples
   */
  StageTap(String bootstrapServers, String topic, String clientId, TapRedaction redaction) {
    this.topic = topic;
    this.redaction = redaction;
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.CLIENT_ID_CONFIG, clientId,
        ProducerConfig.ACKS_CONFIG, "1",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
        ProducerConfig.LINGER_MS_CONFIG, 100,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
        ProducerConfig.BUFFER_MEMORY_CONFIG, 4 * 1024 * 1024),
        new ByteArraySerializer(), new ByteArraySerializer());
    this.writer = Thread.ofPlatform().daemon().name(clientId).unstarted(this::write);
    writer.start();
  }

  /** Takes the samples of the instance's topology. */
  StageTrace sampler() {
    return new StageSampler(() -> tick, this::sample);
  }

  private void sample(String stage, Record record) {
    ProducerRecord<byte[], byte[]> sample;
    try {
      RecordHeaders headers = new RecordHeaders();
      record.headers().forEach((name, value) -> headers.add(name, redaction.header(name, value)));
      headers.add(STAGE_HEADER, stage.getBytes(StandardCharsets.UTF_8));
      sample = new ProducerRecord<>(topic, null, record.timestamp(), redaction.hide(bytes(record.key())),
          redaction.hide(bytes(record.value())), headers);
    } catch (IOException e) {
      log.debug("cannot sample a record of {} for the tap: {}", stage, e.getMessage());
      return;
    }
    waiting.offer(sample);
  }

  /** Raw bytes as they are, text as UTF-8, anything else as JSON. */
  private static byte[] bytes(Object value) throws IOException {
    return value instanceof byte[] raw ? raw : RecordFormat.STRING.encode(value);
  }

  /** Moves the tick on and writes what was sampled, until closed. */
  private void write() {
    long next = System.nanoTime() + TICK.toNanos();
    while (open) {
      long wait = next - System.nanoTime();
      if (wait <= 0) {
        tick++;
        next = System.nanoTime() + TICK.toNanos();
        continue;
      }
      try {
        ProducerRecord<byte[], byte[]> sample = waiting.poll(wait, TimeUnit.NANOSECONDS);
        if (sample != null) {
          producer.send(sample, (metadata, error) -> {
            if (error != null) {
              unwritten(error);
            }
          });
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // Kafka not reachable for a while, or interrupted by close: the samples are not needed.
        if (open) {
          unwritten(e);
        }
      }
    }
  }

  private void unwritten(Exception error) {
    if (warned.compareAndSet(false, true)) {
      log.warn("cannot write tap samples to {}: {}", topic, error.getMessage());
    }
  }

  @Override
  public void close() {
    open = false;
    writer.interrupt();
    try {
      writer.join(TICK.toMillis() * 5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(2));
  }
}
