package dev.sluice.connectors.kafka;

import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.SinkConnector;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.expression.Expression;
import dev.sluice.api.expression.ExpressionException;
import dev.sluice.api.record.Record;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code kafka} output on an external cluster: writes the stream's records to its topic.
 *
 * <p>{@link #write} returns only after every record of the batch was acknowledged as {@code acks}
 * says: it sends them all, flushes, and checks each send in order. The first failed record decides:
 * one the cluster can never take (too large, invalid for the topic, a key or header expression
 * that fails, a value the format cannot hold) is a {@link PermanentException} naming its index,
 * after the records before it are written; authentication and authorisation failures are config
 * errors; anything else is retriable, and the whole batch is written again. Kafka fails the
 * records that share a request with an invalid one as well; those are sent once more on their own
 * so that only the invalid record meets the error policy.
 *
 * <p>Sends stop at the first one that fails at once (for example when metadata does not arrive
 * within {@code timeout}), so an unreachable cluster costs one timeout per batch, not one per
 * record. After an error that may have left the idempotent producer unusable, the next write uses a
 * new producer. Nothing reaches the network in {@link #start}. Used by one thread, as {@link
 * SinkConnector} says.
 */
final class KafkaSink implements SinkConnector {

  private static final Logger log = LoggerFactory.getLogger(KafkaSink.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private KafkaSinkConfig config;
  private String stream;
  private String clientId;
  private Producer<byte[], byte[]> producer;

  @Override
  public void start(ComponentContext context) throws ConfigException {
    config = KafkaSinkConfig.from(context);
    stream = context.stream();
    clientId = "sluice-" + stream.replace('/', '-') + "-" + context.instance() + "-sink";
    LoginModuleGuard.install();
    producer = newProducer();
    log.info("kafka output of {} writes {} on {}", stream, config.topic(),
        config.connection().bootstrap());
  }

  @Override
  public void write(List<Record> batch) throws ComponentException {
    if (producer == null) {
      producer = newProducer();
    }
    List<ProducerRecord<byte[], byte[]>> encoded = new ArrayList<>(batch.size());
    PermanentException unencodable = null;
    for (int i = 0; i < batch.size() && unencodable == null; i++) {
      try {
        encoded.add(encode(batch.get(i)));
      } catch (PermanentException e) {
        unencodable = new PermanentException("record " + i + " of the batch: " + e.getMessage(),
            e.getCause(), i);
      }
    }
    List<Future<RecordMetadata>> sent = send(encoded, 0, encoded.size());
    int failed = firstFailure(sent);
    if (failed >= 0) {
      int refused = firstRefusal(sent, failed);
      if (refused < 0) {
        throw classify(failure(sent.get(failed)), failed);
      }
      if (refused > failed) {
        // Kafka fails the records sharing a request with an invalid one too: send them alone.
        List<Future<RecordMetadata>> again = send(encoded, failed, refused);
        int stillFailed = firstFailure(again);
        if (stillFailed >= 0) {
          throw classify(failure(again.get(stillFailed)), stillFailed);
        }
      }
      Throwable refusal = failure(sent.get(refused));
      throw new PermanentException("record " + refused + " of the batch was refused by "
          + config.topic() + ": " + refusal.getMessage(), refusal, refused);
    }
    if (unencodable != null) {
      throw unencodable;
    }
  }

  @Override
  public void close() {
    if (producer != null) {
      closeProducer();
    }
  }

  /**
   * Sends records {@code from} (inclusive) to {@code to}, stopping after a send that failed at
   * once, and returns once every sent one is complete. Entry {@code i} of the result belongs to
   * record {@code i}: {@code null} before {@code from}, missing after a stop.
   */
  private List<Future<RecordMetadata>> send(List<ProducerRecord<byte[], byte[]>> records,
      int from, int to) throws RetriableException {
    List<Future<RecordMetadata>> sent = new ArrayList<>(to);
    for (int i = 0; i < from; i++) {
      sent.add(null);
    }
    try {
      for (int i = from; i < to; i++) {
        Future<RecordMetadata> future = producer.send(records.get(i));
        sent.add(future);
        if (future.isDone() && failure(future) != null) {
          break;
        }
      }
      producer.flush();
    } catch (InterruptException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("interrupted while writing to " + config.topic(), e);
    } catch (KafkaException | IllegalStateException e) {
      // The producer refuses to send at all (closed, or fenced after a fatal error).
      discardProducer();
      throw new RetriableException("the producer for " + config.topic() + " failed: "
          + e.getMessage() + "; the batch is written again with a new producer", e);
    }
    return sent;
  }

  /** The producer record for {@code record}: key and headers evaluated, value encoded. */
  private ProducerRecord<byte[], byte[]> encode(Record record) throws PermanentException {
    try {
      Object key = config.key() == null ? record.key() : config.key().evaluate(record.value(),
          Map.of());
      RecordHeaders headers = new RecordHeaders();
      record.headers().forEach((name, value) -> {
        if (!config.headers().containsKey(name)) {
          headers.add(name, value);
        }
      });
      for (Map.Entry<String, Expression> header : config.headers().entrySet()) {
        Object value = header.getValue().evaluate(record.value(), Map.of());
        if (value != null) {
          headers.add(header.getKey(), KafkaFormat.encodeKey(value));
        }
      }
      Long timestamp = record.timestamp() >= 0 ? record.timestamp() : null;
      return new ProducerRecord<>(config.topic(), null, timestamp, KafkaFormat.encodeKey(key),
          config.format().encode(record.value()), headers);
    } catch (ExpressionException e) {
      throw new PermanentException("an expression failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new PermanentException("cannot encode it: " + e.getMessage(), e);
    }
  }

  /** Index of the first send that failed, or -1; {@code null} entries were not sent this time. */
  private static int firstFailure(List<Future<RecordMetadata>> sent) {
    for (int i = 0; i < sent.size(); i++) {
      if (sent.get(i) != null && failure(sent.get(i)) != null) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the first send from {@code from} on that the cluster refused for good, or -1. */
  private static int firstRefusal(List<Future<RecordMetadata>> sent, int from) {
    for (int i = from; i < sent.size(); i++) {
      if (KafkaErrors.refusesRecord(failure(sent.get(i)))) {
        return i;
      }
    }
    return -1;
  }

  /** Why a completed send failed, or {@code null} when it succeeded. */
  private static Throwable failure(Future<RecordMetadata> future) {
    if (!future.isDone()) {
      return new IllegalStateException("the send did not complete");
    }
    try {
      future.get();
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e;
    }
  }

  private ComponentException classify(Throwable error, int index) {
    ConfigException config = KafkaErrors.configError(error, this.config.connection().bootstrap(),
        "topic " + this.config.topic());
    if (config != null) {
      return config;
    }
    if (!(error instanceof org.apache.kafka.common.errors.RetriableException)) {
      // Errors Kafka does not call retriable may leave the idempotent producer unusable.
      discardProducer();
    }
    return new RetriableException("writing to " + this.config.topic() + " on "
        + this.config.connection().bootstrap() + " failed at record " + index + " of the batch: "
        + error.getClass().getSimpleName() + ": " + error.getMessage()
        + "; the batch is written again", error);
  }

  private Producer<byte[], byte[]> newProducer() throws ConfigException {
    try {
      return new KafkaProducer<>(config.producerConfig(clientId), new ByteArraySerializer(),
          new ByteArraySerializer());
    } catch (KafkaException | IllegalArgumentException e) {
      throw KafkaErrors.cannotCreate(e);
    }
  }

  private void discardProducer() {
    closeProducer();
    producer = null;
  }

  private void closeProducer() {
    try {
      producer.close(CLOSE_TIMEOUT);
    } catch (KafkaException e) {
      log.debug("closing the producer of {} failed", stream, e);
    }
  }
}
