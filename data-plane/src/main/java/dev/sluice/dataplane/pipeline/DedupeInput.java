package dev.sluice.dataplane.pipeline;

import dev.sluice.api.error.PermanentException;
import dev.sluice.api.expression.Expression;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
  private final Expression key;

  DedupeInput(String name, Expression key) {
    this.name = name;
    this.key = key;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Record<Object, Object> exit(dev.sluice.api.record.Record record) throws Exception {
    Object by = key == null ? record.key() : key.evaluate(record.value(), Map.of());
    if (by == null) {
      throw new PermanentException(key == null
          ? "the record has no key to find duplicates by; set the dedupe's 'key' to an expression on the value"
          : "the dedupe key '" + key.source() + "' gave nothing for this record", null);
    }
    RecordHeaders headers = new RecordHeaders();
    record.headers().forEach(headers::add);
    return new Record<>(RecordFormat.encodeKey(by), StateJson.write(new Carried(record.key(), record.value())),
        record.timestamp(), headers);
  }
}
