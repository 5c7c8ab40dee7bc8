package dev.sluice.dataplane.pipeline;

import dev.sluice.api.record.Record;

/**
 * A record on its way through the topology, with the bytes it arrived as, so that a record that
 * fails at any stage can be dead-lettered exactly as it was read (and replayed later).
 *
 * @param record the record as the previous stage produced it
 * @param originalKey the key bytes as read from the source topic
 * @param originalValue the value bytes as read from the source topic
 * @param entered {@link System#nanoTime()} when the record entered the topology, for the
 *     processing-latency metric
 */
record Envelope(Record record, byte[] originalKey, byte[] originalValue, long entered) {

  Envelope with(Record next) {
    return new Envelope(next, originalKey, originalValue, entered);
  }
}
