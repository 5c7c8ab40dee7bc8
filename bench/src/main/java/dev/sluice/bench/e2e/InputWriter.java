package dev.sluice.bench.e2e;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes {@link Events} into input topics: a backlog before any pipeline runs, or a paced stream
 * while one runs, to measure latency at a known load. Not thread-safe.
 */
final class InputWriter {

  private static final long PROGRESS_EVERY = 250_000;

  private final String bootstrapServers;
  private final PrintStream progress;
  private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
  private final Callback onAck = (metadata, e) -> {
    if (e != null) {
      sendFailure.compareAndSet(null, e);
    }
  };

  InputWriter(String bootstrapServers, PrintStream progress) {
    this.bootstrapServers = bootstrapServers;
    this.progress = progress;
  }

  /**
   * Writes events {@code 0..count-1} into every topic of {@code topics}, the same bytes to each,
   * and waits until all are acknowledged.
   */
  void backlog(List<String> topics, long count) {
    try (KafkaProducer<byte[], byte[]> producer = producer(20, 256 * 1024)) {
      long ts = System.currentTimeMillis();
      for (long seq = 0; seq < count; seq++) {
        if (seq % 1_000 == 0) {
          ts = System.currentTimeMillis();
        }
        byte[] key = Events.key(seq);
        byte[] value = Events.value(seq, ts);
        for (String topic : topics) {
          producer.send(new ProducerRecord<>(topic, key, value), onAck);
        }
        if ((seq + 1) % PROGRESS_EVERY == 0) {
          progress.printf("  written %,d of %,d events to %s%n", seq + 1, count, topics);
        }
      }
      producer.flush();
    }
    throwIfFailed();
  }

  /**
   * Writes events {@code first..} at {@code perSecond} for {@code duration}, each stamped with the
   * time it is sent, without producer batching delay ({@code linger.ms=0}).
   *
   * @return how many events were written
   */
  long paced(String topic, long first, int perSecond, Duration duration) {
    long count = perSecond * duration.toSeconds();
    long start = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = producer(0, 16 * 1024)) {
      for (long i = 0; i < count; i++) {
        long due = start + i * TimeUnit.SECONDS.toNanos(1) / perSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        long seq = first + i;
        producer.send(new ProducerRecord<>(topic, Events.key(seq), Events.value(seq, System.currentTimeMillis())),
            onAck);
      }
      producer.flush();
    }
    throwIfFailed();
    return count;
  }

  private KafkaProducer<byte[], byte[]> producer(int lingerMs, int batchBytes) {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.LINGER_MS_CONFIG, lingerMs,
        ProducerConfig.BATCH_SIZE_CONFIG, batchBytes,
        ProducerConfig.ACKS_CONFIG, "all"),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  private void throwIfFailed() {
    Exception e = sendFailure.get();
    if (e != null) {
      throw new IllegalStateException("writing the benchmark's input failed: " + e.getMessage(), e);
    }
  }
}
