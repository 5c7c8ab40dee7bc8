package dev.sluice.dataplane.pipeline;

import dev.sluice.api.expression.Expression;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The exit to a dedupe: keys each record by what makes duplicates (evaluated under the error
 * policy) and carries the record's own key and value as JSON ({@link Carried}) through the
 * repartition topic. Thread-safe when the expression is.
 */
final class DedupeInput implements SegmentExit {

  /**
   * A record on its way through a repartition topic.
   *
   * @param key the record's own key
   * @param value its value
   */
  record Carried(Object key, Object value) {}

  private final String name;
  private final GroupingKey key;

  DedupeInput(String name, Expression key) {
    this.name = name;
    this.key = new GroupingKey(key, "find duplicates by", "dedupe");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Record<Object, Object> exit(dev.sluice.api.record.Record record) throws Exception {
    return new Record<>(RecordFormat.encodeKey(key.of(record)),
        StateJson.write(new Carried(record.key(), record.value())), record.timestamp(),
        KafkaHeaders.of(record.headers()));
  }
}
