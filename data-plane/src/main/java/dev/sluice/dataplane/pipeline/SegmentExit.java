package dev.sluice.dataplane.pipeline;

import org.apache.kafka.streams.processor.api.Record;

/**
 * How records leave a {@link PipelineNode}: encoded for the output topic, or keyed for the stateful
 * operator that follows. Thread-safe.
 */
interface SegmentExit {

  /** The exit's name in dead-letter headers and errors, such as {@code encode}. */
  String name();

  /**
   * What the node forwards for {@code record}.
   *
   * @throws Exception when it cannot be built, for the error policy
   */
  Record<Object, Object> exit(dev.sluice.api.record.Record record) throws Exception;
}
