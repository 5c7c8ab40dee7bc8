package dev.sluice.controlplane.outbox;

import dev.sluice.controlplane.outbox.OutboxRows.Row;
import dev.sluice.controlplane.store.AdvisoryLocks;
import dev.sluice.controlplane.store.ControlPlaneDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays outbox rows to Kafka, in id order, on a thread of its own.
 *
 * <p>Only one publisher is active per database: it holds the session advisory lock {@link
 * AdvisoryLocks#OUTBOX_PUBLISHER} on a dedicated connection; any other waits as a standby and takes
 * over when that connection ends. The active one reads unpublished rows in batches, sends them with
 * an idempotent producer ({@code acks=all}), waits for every ack, then marks the acknowledged rows
 * published. Because rows are marked only after Kafka acknowledged them, and are always read from
 * the oldest unpublished one, a crash at any point loses nothing and reorders nothing; a crash
 * after the acks and before the marking sends that batch again on the next start (the same values
 * under the same keys, harmless on compacted topics). It wakes on {@code NOTIFY} {@value
 * Outbox#CHANNEL} and, should a notification be missed, polls every {@link Options#pollInterval}.
 *
 * <p>After a database or Kafka error it closes its connection and producer, waits {@link
 * Options#retryBackoff} and starts over (possibly as a standby if another took the lock). The
 * accessors are thread-safe; {@link #close()} stops the thread after its current batch.
 */
public final class OutboxPublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);

  private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(5);
  private static final int DELIVERY_TIMEOUT_MS = 30_000;
  private static final int REQUEST_TIMEOUT_MS = 15_000;

  /**
   * How the publisher works.
   *
   * @param batchSize rows read and sent before waiting for acks
   * @param pollInterval the longest wait for a notification before looking for rows anyway; also
   *     how often a standby tries to take over
   * @param retryBackoff the wait after a database or Kafka error before starting over
   */
  public record Options(int batchSize, Duration pollInterval, Duration retryBackoff) {

    public Options {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
      }
    }

    /** 500 rows per batch, a poll every second, a retry after 2 s. */
    public static Options defaults() {
      return new Options(500, Duration.ofSeconds(1), Duration.ofSeconds(2));
    }
  }

  private final ControlPlaneDatabase database;
  private final Map<String, Object> producerConfig;
  private final Options options;
  private final Outbox outbox;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean active;
  /** Made by the constructor, so bad settings fail {@link #start}; then the thread's alone. */
  private Producer<String, byte[]> producer;

  private OutboxPublisher(ControlPlaneDatabase database, Map<String, Object> kafkaConfig, Options options) {
    this.database = database;
    this.options = options;
    this.outbox = new Outbox(database.jdbi());
    this.producerConfig = producerConfig(kafkaConfig);
    this.producer = new KafkaProducer<>(producerConfig);
    this.thread = new Thread(this::run, "sluice-outbox-publisher");
  }

  /**
   * Starts a publisher; it becomes active at once if no other publisher of this database is.
   *
   * @param kafkaConfig client settings, at least {@code bootstrap.servers}; the settings that make
   *     the producer idempotent and its serializers are set here and cannot be overridden
   * @throws org.apache.kafka.common.KafkaException when the settings are not valid
   */
  public static OutboxPublisher start(
      ControlPlaneDatabase database, Map<String, Object> kafkaConfig, Options options) {
    OutboxPublisher publisher = new OutboxPublisher(database, kafkaConfig, options);
    publisher.thread.start();
    return publisher;
  }

  private static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig) {
    Map<String, Object> config = new HashMap<>(kafkaConfig);
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "sluice-outbox-publisher");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
    config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, DELIVERY_TIMEOUT_MS);
    return config;
  }

  /** Whether this publisher holds the lock and relays rows; {@code false} while a standby. */
  public boolean isActive() {
    return active;
  }

  /** Rows that wait to be published, whichever publisher relays them: the lag, for /readyz. */
  public long unpublishedCount() {
    return outbox.unpublishedCount();
  }

  /** How long the oldest unpublished row has waited, zero when none: see {@link Outbox}. */
  public Duration oldestUnpublishedAge() {
    return outbox.oldestUnpublishedAge();
  }

  private void run() {
    while (!isStopping()) {
      try (Connection connection = database.dedicatedConnection()) {
        OutboxRows rows = new OutboxRows(connection);
        if (awaitLock(rows)) {
          relay(connection, rows);
        }
      } catch (SQLException | RuntimeException e) {
        log.warn("Outbox publisher stopped relaying: {}; starting over in {} ms",
            e.getMessage(), options.retryBackoff().toMillis(), e);
        // After a failed send an idempotent producer may be unusable: start with a new one.
        closeProducer();
        pause(options.retryBackoff());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        active = false;
      }
    }
    closeProducer();
  }

  private void closeProducer() {
    if (producer != null) {
      producer.close(PRODUCER_CLOSE_TIMEOUT);
      producer = null;
    }
  }

  /** Waits until this publisher holds the lock; {@code false} when closed first. */
  private boolean awaitLock(OutboxRows rows) throws SQLException {
    boolean announced = false;
    while (!isStopping()) {
      if (rows.tryLock(AdvisoryLocks.OUTBOX_PUBLISHER)) {
        return true;
      }
      if (!announced) {
        log.info("Another control plane publishes the outbox; this one waits as a standby");
        announced = true;
      }
      pause(options.pollInterval());
    }
    return false;
  }

  private void relay(Connection connection, OutboxRows rows)
      throws SQLException, InterruptedException {
    rows.listen(Outbox.CHANNEL);
    PGConnection notifications = connection.unwrap(PGConnection.class);
    if (producer == null) {
      producer = new KafkaProducer<>(producerConfig);
    }
    try {
      active = true;
      log.info("Outbox publisher active; {} rows wait to be published", unpublishedCount());
      int pollMillis = Math.toIntExact(Math.max(1, options.pollInterval().toMillis()));
      while (!isStopping()) {
        List<Row> batch = rows.unpublished(options.batchSize());
        if (batch.isEmpty()) {
          notifications.getNotifications(pollMillis);
          continue;
        }
        BatchDelivery delivery = BatchDelivery.send(producer, batch);
        rows.markPublished(delivery.acknowledged());
        log.debug("Published outbox rows {} to {}", batch.get(0).id(), batch.get(batch.size() - 1).id());
        delivery.throwIfFailed();
      }
    } finally {
      active = false;
    }
  }

  private boolean isStopping() {
    return stopping.getCount() == 0;
  }

  private void pause(Duration duration) {
    try {
      stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping.countDown();
    }
  }

  /**
   * Stops the publisher after the batch it is sending, and releases the lock so a standby takes
   * over. Waits for the thread; interrupts it if a send does not end within the delivery timeout.
   */
  @Override
  public void close() {
    stopping.countDown();
    try {
      outbox.wakePublishers();
    } catch (RuntimeException e) {
      log.debug("Could not wake the outbox publisher; it stops at its next poll", e);
    }
    try {
      thread.join(DELIVERY_TIMEOUT_MS + options.pollInterval().toMillis());
      if (thread.isAlive()) {
        log.warn("Outbox publisher did not stop in time; interrupting it");
        thread.interrupt();
        thread.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("Outbox publisher stopped");
  }
}
