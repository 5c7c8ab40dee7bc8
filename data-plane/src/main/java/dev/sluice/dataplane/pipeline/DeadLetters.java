package dev.sluice.dataplane.pipeline;

import dev.sluice.api.record.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Builds dead-letter records: the original key and value bytes as read, the original headers, and
 * headers that say where and why the record failed.
 */
public final class DeadLetters {

  /** Name of the topology's dead-letter sink node. */
  static final String SINK = "dead-letter";

  // The names are a contract with users and the control plane: api's DeadLetterHeaders owns them.
  public static final String STAGE = DeadLetterHeaders.STAGE;
  public static final String ERROR_CLASS = DeadLetterHeaders.ERROR_CLASS;
  public static final String ERROR_MESSAGE = DeadLetterHeaders.ERROR_MESSAGE;
  public static final String ERROR_TIME = DeadLetterHeaders.ERROR_TIME;
  public static final String SOURCE_TOPIC = DeadLetterHeaders.SOURCE_TOPIC;
  public static final String SOURCE_PARTITION = DeadLetterHeaders.SOURCE_PARTITION;
  public static final String SOURCE_OFFSET = DeadLetterHeaders.SOURCE_OFFSET;

  private DeadLetters() {}

  /**
   * The dead-letter record of {@code read}, the record as read from Kafka, which stage {@code stage}
   * failed on: its key, value and headers as read plus the headers {@link #describe} adds, stamped
   * {@code timestamp} (the time of the record the stage was given).
   */
  static Record<Object, Object> record(Record<?, ?> read, long timestamp, String stage, RecordSource source,
      Exception error, Instant now) {
    Headers headers = new RecordHeaders(read.headers().toArray());
    describe(headers, stage, source.topic(), source.partition(), source.offset(), error, now);
    return new Record<>(read.key(), read.value(), timestamp, headers);
  }

  /** Adds the headers that say where and why a record failed, replacing earlier ones. */
  public static void describe(Headers headers, String stage, String topic, int partition, long offset,
      Exception error, Instant now) {
    put(headers, STAGE, stage);
    put(headers, ERROR_CLASS, error.getClass().getName());
    put(headers, ERROR_MESSAGE, String.valueOf(error.getMessage()));
    put(headers, ERROR_TIME, now.toString());
    put(headers, SOURCE_TOPIC, topic);
    put(headers, SOURCE_PARTITION, Integer.toString(partition));
    put(headers, SOURCE_OFFSET, Long.toString(offset));
  }

  private static void put(Headers headers, String key, String value) {
    headers.remove(key);
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
