package dev.sluice.dataplane.pipeline;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Record;

/** First stage: turns the bytes read from Kafka into a Sluice record. */
final class DecodeNode extends StageNode {

  static final String NAME = "decode";

  private final RecordFormat valueFormat;

  DecodeNode(RecordFormat valueFormat, String next, ErrorPolicyRunner errors, InstanceCounters counters,
      Clock clock) {
    super(NAME, next, errors, counters, clock);
    this.valueFormat = valueFormat;
  }

  @Override
  List<Record<Object, Object>> work(Record<Object, Object> record) throws Exception {
    long entered = System.nanoTime();
    counters.in.incrementAndGet();
    byte[] key = (byte[]) record.key();
    byte[] value = (byte[]) record.value();
    Map<String, byte[]> headers = new LinkedHashMap<>();
    for (Header h : record.headers()) {
      headers.put(h.key(), h.value());
    }
    dev.sluice.api.record.Record decoded = new dev.sluice.api.record.Record(
        RecordFormat.decodeKey(key), valueFormat.decode(value), headers, record.timestamp());
    return List.of(record.withValue(new Envelope(decoded, key, value, entered)));
  }

  @Override
  Envelope original(Record<Object, Object> record) {
    return new Envelope(null, (byte[]) record.key(), (byte[]) record.value(), 0L);
  }
}
