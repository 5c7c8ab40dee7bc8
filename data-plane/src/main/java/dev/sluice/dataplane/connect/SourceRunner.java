package dev.sluice.dataplane.connect;

import dev.sluice.api.component.SourceConnector;
import dev.sluice.api.component.SourceContext;
import dev.sluice.api.component.SourceRecord;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.record.Record;
import dev.sluice.dataplane.pipeline.Backoff;
import dev.sluice.dataplane.pipeline.RecordFormat;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one source connector instance on its own thread: polls batches, writes them to the
 * stream's ingress topic, waits until Kafka has them, stores the last position in {@code
 * sluice.offsets}, then acknowledges it to the connector. Records after the stored position may be
 * written twice after a crash, never skipped.
 */
public final class SourceRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SourceRunner.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** What the runner tells its owner. */
  public interface Listener {
    /** The source ran out and every record it produced is durable. */
    void exhausted();

    /** The source failed for good; the instance has failed. */
    void failed(String error);
  }

  private final SourceConnector connector;
  private final SourceContext context;
  private final String ingressTopic;
  private final RecordFormat format;
  private final String offsetKey;
  private final OffsetStore offsets;
  private final Producer<byte[], byte[]> producer;
  private final Listener listener;
  private final Thread thread;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);

  public SourceRunner(SourceConnector connector, SourceContext context, String ingressTopic, RecordFormat format,
      String offsetKey, OffsetStore offsets, String bootstrapServers, Listener listener) {
    this.connector = connector;
    this.context = context;
    this.format = format;
    this.ingressTopic = ingressTopic;
    this.offsetKey = offsetKey;
    this.offsets = offsets;
    this.listener = listener;
    this.producer = new KafkaProducer<>(producerConfig(bootstrapServers, offsetKey),
        new ByteArraySerializer(), new ByteArraySerializer());
    this.thread = new Thread(this::run, "sluice-source-" + offsetKey);
    // Plugins find their own resources (ServiceLoader, JAXB, Debezium's connectors) through it.
    thread.setContextClassLoader(connector.getClass().getClassLoader());
  }

  public void start() {
    thread.start();
  }

  private void run() {
    Retrying retrying = new Retrying(closing, "input of " + offsetKey);
    try {
      if (retrying.call(new Backoff(FIRST_BACKOFF, MAX_BACKOFF), this::startConnector).isEmpty()) {
        return;
      }
      Backoff backoff = new Backoff(FIRST_BACKOFF, MAX_BACKOFF);
      while (retrying.isOpen()) {
        Optional<List<SourceRecord>> batch = retrying.call(backoff, () -> connector.poll(POLL_TIMEOUT));
        if (batch.isEmpty()) {
          return;
        }
        backoff.reset();
        if (!batch.get().isEmpty()) {
          write(batch.get());
        } else if (connector.exhausted()) {
          log.info("source of {} ran out", offsetKey);
          listener.exhausted();
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ComponentException | ExecutionException | IOException | RuntimeException e) {
      log.error("source of {} failed", offsetKey, e);
      listener.failed("input failed: " + e.getMessage());
    } finally {
      stopped.countDown();
    }
  }

  private boolean startConnector() throws ComponentException {
    connector.start(context);
    return true;
  }

  private void write(List<SourceRecord> batch) throws IOException, InterruptedException, ExecutionException {
    for (SourceRecord source : batch) {
      Record r = source.record();
      RecordHeaders headers = new RecordHeaders();
      r.headers().forEach(headers::add);
      producer.send(new ProducerRecord<>(ingressTopic, null, r.timestamp(), RecordFormat.encodeKey(r.key()),
          format.encode(r.value()), headers));
    }
    producer.flush();
    Map<String, Object> position = batch.get(batch.size() - 1).position();
    offsets.store(producer, offsetKey, position);
    connector.acknowledge(position);
  }

  /** Stops polling, waits for the batch in flight, and closes the connector. */
  @Override
  public void close() {
    closing.countDown();
    try {
      if (!stopped.await(30, TimeUnit.SECONDS)) {
        log.warn("source of {} did not stop within 30 s; interrupting it", offsetKey);
        thread.interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      connector.close();
      producer.close(Duration.ofSeconds(10));
    }
  }

  private static Properties producerConfig(String bootstrapServers, String clientId) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "sluice-source-" + clientId.replace('/', '-'));
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return props;
  }
}
