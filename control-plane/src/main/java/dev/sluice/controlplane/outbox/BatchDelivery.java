package dev.sluice.controlplane.outbox;

import dev.sluice.controlplane.outbox.OutboxRows.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The outcome of sending one batch: the rows Kafka acknowledged, a prefix of the batch in order,
 * and the error that stopped the rest. Rows after the first failure count as unsent even if Kafka
 * took them, so they are sent again, after the failed one, keeping the order.
 */
final class BatchDelivery {

  private final List<Row> batch;
  private final List<Row> acknowledged;
  private final Exception failure;

  private BatchDelivery(List<Row> batch, List<Row> acknowledged, Exception failure) {
    this.batch = batch;
    this.acknowledged = acknowledged;
    this.failure = failure;
  }

  /** Sends every row, flushes, and waits for each ack. */
  static BatchDelivery send(Producer<String, byte[]> producer, List<Row> batch)
      throws InterruptedException {
    List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
    Exception failure = null;
    for (Row row : batch) {
      try {
        sent.add(producer.send(new ProducerRecord<>(row.topic(), row.key(), row.value())));
      } catch (RuntimeException e) {
        failure = e;
        break;
      }
    }
    producer.flush();
    List<Row> acknowledged = new ArrayList<>(sent.size());
    for (int i = 0; i < sent.size(); i++) {
      try {
        sent.get(i).get();
        acknowledged.add(batch.get(i));
      } catch (ExecutionException e) {
        failure = e.getCause() instanceof Exception cause ? cause : e;
        break;
      }
    }
    return new BatchDelivery(batch, acknowledged, failure);
  }

  List<Row> acknowledged() {
    return acknowledged;
  }

  /** Throws when a row was not acknowledged; the acknowledged ones should be marked first. */
  void throwIfFailed() {
    if (failure != null) {
      Row row = batch.get(acknowledged.size());
      throw new PublishFailedException("Kafka did not acknowledge outbox row " + row.id() + " for topic "
          + row.topic() + " (key " + row.key() + "): " + failure.getMessage(), failure);
    }
  }
}
