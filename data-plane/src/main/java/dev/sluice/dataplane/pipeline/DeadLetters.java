package dev.sluice.dataplane.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Builds dead-letter records: the original key and value bytes as read, the original headers, and
 * headers that say where and why the record failed.
 */
public final class DeadLetters {

  /** Name of the topology's dead-letter sink node. */
  static final String SINK = "dead-letter";

  public static final String STAGE = "sluice.error.stage";
  public static final String ERROR_CLASS = "sluice.error.class";
  public static final String ERROR_MESSAGE = "sluice.error.message";
  public static final String ERROR_TIME = "sluice.error.time";
  public static final String SOURCE_TOPIC = "sluice.source.topic";
  public static final String SOURCE_PARTITION = "sluice.source.partition";
  public static final String SOURCE_OFFSET = "sluice.source.offset";

  private DeadLetters() {}

  static Record<Object, Object> record(Record<?, ?> current, Envelope original, String stage,
      RecordSource source, Exception error, Instant now) {
    Headers headers = current.headers();
    describe(headers, stage, source.topic(), source.partition(), source.offset(), error, now);
    return new Record<>(original.originalKey(), original.originalValue(), current.timestamp(), headers);
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
