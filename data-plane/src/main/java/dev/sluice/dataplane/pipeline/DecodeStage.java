package dev.sluice.dataplane.pipeline;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Record;

/** First stage: turns the bytes read from Kafka into a Sluice record. Thread-safe. */
final class DecodeStage implements SegmentEntry {

  static final String NAME = "decode";

  private final RecordFormat valueFormat;

  DecodeStage(RecordFormat valueFormat) {
    this.valueFormat = valueFormat;
  }

  /**
   * The record as read: key and value decoded, headers and timestamp as they are.
   *
   * @throws IOException when the value is not valid in the input's format
   */
  @Override
  public String name() {
    return NAME;
  }

  @Override
  public dev.sluice.api.record.Record enter(Record<Object, Object> read) throws IOException {
    return new dev.sluice.api.record.Record(RecordFormat.decodeKey((byte[]) read.key()),
        valueFormat.decode((byte[]) read.value()), headers(read.headers()), read.timestamp());
  }

  /** Kafka headers as a record's: in order, a later header of a name replacing an earlier one. */
  static Map<String, byte[]> headers(Headers headers) {
    Iterator<Header> each = headers.iterator();
    if (!each.hasNext()) {
      return Map.of();
    }
    Map<String, byte[]> copy = new LinkedHashMap<>();
    while (each.hasNext()) {
      Header h = each.next();
      copy.put(h.key(), h.value());
    }
    return copy;
  }
}
