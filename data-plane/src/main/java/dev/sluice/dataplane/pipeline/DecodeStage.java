package dev.sluice.dataplane.pipeline;

import java.io.IOException;
import org.apache.kafka.streams.processor.api.Record;

/** First stage: turns the bytes read from Kafka into a Sluice record. Thread-safe. */
final class DecodeStage implements SegmentEntry {

  static final String NAME = "decode";

  private final RecordFormat valueFormat;

  DecodeStage(RecordFormat valueFormat) {
    this.valueFormat = valueFormat;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * The record as read: key and value decoded, headers and timestamp as they are.
   *
   * @throws IOException when the value is not valid in the input's format
   */
  @Override
  public dev.sluice.api.record.Record enter(Record<Object, Object> read) throws IOException {
    return new dev.sluice.api.record.Record(RecordFormat.decodeKey((byte[]) read.key()),
        valueFormat.decode((byte[]) read.value()), KafkaHeaders.toMap(read.headers()), read.timestamp());
  }
}
