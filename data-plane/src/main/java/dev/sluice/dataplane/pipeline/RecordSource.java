package dev.sluice.dataplane.pipeline;

/** Where a record was read from: topic, partition and offset. */
public record RecordSource(String topic, int partition, long offset) {

  static final RecordSource UNKNOWN = new RecordSource("?", -1, -1);

  @Override
  public String toString() {
    return topic + "-" + partition + "@" + offset;
  }
}
