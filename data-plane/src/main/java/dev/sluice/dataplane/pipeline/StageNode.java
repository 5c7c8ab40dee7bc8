package dev.sluice.dataplane.pipeline;

import dev.sluice.dataplane.pipeline.ErrorPolicyRunner.Outcome;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * One stage of a stream's topology: does its work on each record under the error policy, forwards
 * the results to the next node, and sends failed records to the dead-letter sink.
 */
abstract class StageNode implements Processor<Object, Object, Object, Object> {

  private final String stage;
  private final String next;
  private final ErrorPolicyRunner errors;
  private final Clock clock;
  protected final InstanceCounters counters;
  protected ProcessorContext<Object, Object> context;

  StageNode(String stage, String next, ErrorPolicyRunner errors, InstanceCounters counters, Clock clock) {
    this.stage = stage;
    this.next = next;
    this.errors = errors;
    this.counters = counters;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
  }

  /** The stage's work on one record: the records to forward. */
  abstract List<Record<Object, Object>> work(Record<Object, Object> record) throws Exception;

  /** The record as it was read, for the dead-letter topic. */
  abstract Envelope original(Record<Object, Object> record);

  @Override
  public final void process(Record<Object, Object> record) {
    RecordSource source = context.recordMetadata()
        .map(m -> new RecordSource(m.topic(), m.partition(), m.offset()))
        .orElse(RecordSource.UNKNOWN);
    Outcome<List<Record<Object, Object>>> outcome = errors.run(stage, source, () -> work(record));
    switch (outcome) {
      case Outcome.Done<List<Record<Object, Object>>> done -> done.value().forEach(r -> context.forward(r, next));
      case Outcome.Dropped<List<Record<Object, Object>>> dropped -> counters.countDropped();
      case Outcome.DeadLetter<List<Record<Object, Object>>> dead -> {
        counters.countDeadLettered();
        context.forward(DeadLetters.record(record, original(record), stage, source, dead.error(), clock.instant()),
            DeadLetters.SINK);
      }
    }
  }
}
