package dev.sluice.dataplane.pipeline;

import java.io.IOException;
import org.apache.kafka.streams.processor.api.Record;

/**
 * First stage of a topology part: turns the bytes read from Kafka into a Sluice record. Named
 * {@link #NAME} where it reads the stream's input; after an out-of-process stage it goes by that
 * stage's last processor, since what it reads is what that processor handed on. Thread-safe.
 */
final class DecodeStage implements SegmentEntry {

  static final String NAME = "decode";

  private final RecordFormat valueFormat;
  private final String name;

  DecodeStage(RecordFormat valueFormat, String name) {
    this.valueFormat = valueFormat;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
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
