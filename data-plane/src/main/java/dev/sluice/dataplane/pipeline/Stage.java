package dev.sluice.dataplane.pipeline;

import dev.sluice.api.record.Record;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * One step a record takes inside a {@link PipelineNode}: a processor of the stream, or a lookup in
 * a state store. Used by one task's thread only.
 */
interface Stage extends AutoCloseable {

  /** The stage's name in dead-letter headers and errors, such as {@code p0-mapping}. */
  String name();

  /**
   * Prepares the stage for the task whose node {@code context} belongs to.
   *
   * @throws IllegalStateException naming the stage when it cannot start, which fails the task
   */
  void init(ProcessorContext<?, ?> context);

  /**
   * What replaces {@code record} downstream: none, one or several records.
   *
   * @throws Exception a failure of this stage, for the error policy
   */
  List<Record> process(Record record) throws Exception;

  @Override
  void close();
}
