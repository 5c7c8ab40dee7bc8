package dev.sluice.dataplane.pipeline;

import dev.sluice.dataplane.pipeline.ErrorPolicyRunner.Outcome;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The one Kafka Streams processor node of a stream's topology: runs every stage on each record read
 * (decode, the stream's processors in order, encode) and forwards the result to the output sink.
 *
 * <p>Each stage runs under the stream's error policy on its own, as if it were a node of its own:
 * a record a stage fails on is retried, dropped, or dead-lettered as it was read (key, value and
 * headers) with the name of that stage and where the record was read from, or the instance fails.
 * One node for all stages, rather than one per stage, spares every record a Kafka Streams hop, a
 * Streams record and an error-policy set-up per stage (bench/README.md).
 *
 * <p>Kafka Streams creates one per task and calls it on that task's thread only.
 */
final class PipelineNode implements Processor<Object, Object, Object, Object> {

  static final String NAME = "stages";

  private final DecodeStage decode;
  private final ProcessorStage[] processors;
  private final EncodeStage encode;
  private final ErrorPolicyRunner errors;
  private final InstanceCounters counters;
  private final Clock clock;
  private ProcessorContext<Object, Object> context;

  PipelineNode(DecodeStage decode, List<ProcessorStage> processors, EncodeStage encode, ErrorPolicyRunner errors,
      InstanceCounters counters, Clock clock) {
    this.decode = decode;
    this.processors = processors.toArray(ProcessorStage[]::new);
    this.encode = encode;
    this.errors = errors;
    this.counters = counters;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    for (ProcessorStage processor : processors) {
      processor.start();
    }
  }

  @Override
  public void process(Record<Object, Object> read) {
    long entered = System.nanoTime();
    counters.in.incrementAndGet();
    RecordSource source = context.recordMetadata()
        .map(m -> new RecordSource(m.topic(), m.partition(), m.offset()))
        .orElse(RecordSource.UNKNOWN);
    dev.sluice.api.record.Record decoded =
        run(DecodeStage.NAME, read, read.timestamp(), source, () -> decode.apply(read));
    if (decoded != null) {
      continueAt(0, decoded, read, source, entered);
    }
  }

  /** Runs {@code record} through processor {@code index} and the stages after it, depth first. */
  private void continueAt(int index, dev.sluice.api.record.Record record, Record<Object, Object> read,
      RecordSource source, long entered) {
    if (index == processors.length) {
      Record<Object, Object> written = run(EncodeStage.NAME, read, record.timestamp(), source,
          () -> encode.apply(record));
      if (written != null) {
        counters.out.incrementAndGet();
        counters.latency(System.nanoTime() - entered);
        context.forward(written, StreamTopology.SINK);
      }
      return;
    }
    ProcessorStage processor = processors[index];
    List<dev.sluice.api.record.Record> results =
        run(processor.name(), read, record.timestamp(), source, () -> processor.process(record));
    if (results != null) {
      for (dev.sluice.api.record.Record result : results) {
        continueAt(index + 1, result, read, source, entered);
      }
    }
  }

  /**
   * Runs one stage's work under the error policy: its result, or {@code null} when the policy
   * dropped or dead-lettered the record (stamped {@code timestamp}, the time of the record the
   * stage was given).
   */
  private <T> T run(String stage, Record<Object, Object> read, long timestamp, RecordSource source,
      ErrorPolicyRunner.Work<T> work) {
    Outcome<T> outcome = errors.run(stage, source, work);
    switch (outcome) {
      case Outcome.Done<T> done -> {
        return done.value();
      }
      case Outcome.Dropped<T> dropped -> counters.countDropped();
      case Outcome.DeadLetter<T> dead -> {
        counters.countDeadLettered();
        context.forward(DeadLetters.record(read, timestamp, stage, source, dead.error(), clock.instant()),
            DeadLetters.SINK);
      }
    }
    return null;
  }

  /** Closes every processor, even when one fails to close; rethrows the first failure. */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (ProcessorStage processor : processors) {
      try {
        processor.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
