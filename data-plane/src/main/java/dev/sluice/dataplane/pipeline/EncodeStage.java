package dev.sluice.dataplane.pipeline;

import dev.sluice.api.expression.Expression;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Last stage: turns a Sluice record into the bytes written to the output topic, with the key from
 * the output's key expression when it has one. Thread-safe when the key expression is.
 */
final class EncodeStage {

  static final String NAME = "encode";

  private final RecordFormat valueFormat;
  private final Expression keyExpression;

  EncodeStage(RecordFormat valueFormat, Expression keyExpression) {
    this.valueFormat = valueFormat;
    this.keyExpression = keyExpression;
  }

  /**
   * The record to write.
   *
   * @throws Exception when the key expression fails or the key or value cannot be encoded
   */
  Record<Object, Object> apply(dev.sluice.api.record.Record record) throws Exception {
    Object key = keyExpression == null ? record.key() : keyExpression.evaluate(record.value(), Map.of());
    byte[] value = valueFormat.encode(record.value());
    RecordHeaders headers = new RecordHeaders();
    record.headers().forEach(headers::add);
    return new Record<>(RecordFormat.encodeKey(key), value, record.timestamp(), headers);
  }
}
