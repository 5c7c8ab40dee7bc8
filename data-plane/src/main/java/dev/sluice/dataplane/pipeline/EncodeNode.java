package dev.sluice.dataplane.pipeline;

import dev.sluice.api.expression.Expression;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Last stage: turns a Sluice record into the bytes written to the output topic, with the key from
 * the output's key expression when it has one.
 */
final class EncodeNode extends StageNode {

  static final String NAME = "encode";

  private final RecordFormat valueFormat;
  private final Expression keyExpression;

  EncodeNode(RecordFormat valueFormat, Expression keyExpression, String next, ErrorPolicyRunner errors,
      InstanceCounters counters, Clock clock) {
    super(NAME, next, errors, counters, clock);
    this.valueFormat = valueFormat;
    this.keyExpression = keyExpression;
  }

  @Override
  List<Record<Object, Object>> work(Record<Object, Object> record) throws Exception {
    Envelope envelope = (Envelope) record.value();
    dev.sluice.api.record.Record sluice = envelope.record();
    Object key = keyExpression == null ? sluice.key() : keyExpression.evaluate(sluice.value(), Map.of());
    RecordHeaders headers = new RecordHeaders();
    sluice.headers().forEach(headers::add);
    byte[] value = valueFormat.encode(sluice.value());
    counters.out.incrementAndGet();
    counters.latency(System.nanoTime() - envelope.entered());
    return List.of(new Record<>(RecordFormat.encodeKey(key), value, sluice.timestamp(), headers));
  }

  @Override
  Envelope original(Record<Object, Object> record) {
    return (Envelope) record.value();
  }
}
