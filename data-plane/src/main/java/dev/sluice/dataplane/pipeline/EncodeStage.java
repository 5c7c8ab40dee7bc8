package dev.sluice.dataplane.pipeline;

import dev.sluice.api.expression.Expression;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Last stage: turns a Sluice record into the bytes written to the output topic, with the key from
 * the output's key expression when it has one, and the output's header expressions evaluated on
 * the value (text as UTF-8, other values as JSON, nothing leaves the header out; they replace a
 * record header of the same name). Thread-safe when the expressions are.
 */
final class EncodeStage implements SegmentExit {

  static final String NAME = "encode";

  private final RecordFormat valueFormat;
  private final Expression keyExpression;
  private final Map<String, Expression> headerExpressions;

  EncodeStage(RecordFormat valueFormat, Expression keyExpression, Map<String, Expression> headerExpressions) {
    this.valueFormat = valueFormat;
    this.keyExpression = keyExpression;
    this.headerExpressions = Map.copyOf(headerExpressions);
  }

  /**
   * The record to write.
   *
   * @throws Exception when the key or a header expression fails, or the key, a header or the
   *     value cannot be encoded
   */
  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Record<Object, Object> exit(dev.sluice.api.record.Record record) throws Exception {
    Object key = keyExpression == null ? record.key() : keyExpression.evaluate(record.value(), Map.of());
    byte[] value = valueFormat.encode(record.value());
    RecordHeaders headers = new RecordHeaders();
    record.headers().forEach((name, bytes) -> {
      if (!headerExpressions.containsKey(name)) {
        headers.add(name, bytes);
      }
    });
    for (Map.Entry<String, Expression> header : headerExpressions.entrySet()) {
      Object evaluated = header.getValue().evaluate(record.value(), Map.of());
      if (evaluated != null) {
        headers.add(header.getKey(), RecordFormat.encodeKey(evaluated));
      }
    }
    return new Record<>(RecordFormat.encodeKey(key), value, record.timestamp(), headers);
  }
}
