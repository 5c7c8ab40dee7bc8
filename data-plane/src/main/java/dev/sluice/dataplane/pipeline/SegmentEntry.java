package dev.sluice.dataplane.pipeline;

import org.apache.kafka.streams.processor.api.Record;

/**
 * How records enter a {@link PipelineNode}: decoded from the bytes of the input, or rebuilt from
 * what a stateful operator (a window, dedupe) hands on. Used by one task's thread only.
 */
interface SegmentEntry {

  /** The entry's name in dead-letter headers and errors, such as {@code decode}. */
  String name();

  /** Prepares the entry for the task whose node {@code context} belongs to. */
  default void init(org.apache.kafka.streams.processor.api.ProcessorContext<?, ?> context) {}

  /**
   * The Sluice record that {@code read} stands for, or {@code null} when it stands for none (a
   * duplicate, a window that was merged away): nothing to process and nothing lost.
   *
   * @throws Exception when {@code read} cannot be turned into a record, for the error policy
   */
  dev.sluice.api.record.Record enter(Record<Object, Object> read) throws Exception;

  /**
   * {@code read} as it is dead-lettered: with key and value as bytes.
   *
   * @throws Exception when it cannot be written as bytes
   */
  default Record<Object, Object> asBytes(Record<Object, Object> read) throws Exception {
    return read;
  }
}
