package dev.sluice.dataplane.pipeline;

import dev.sluice.dataplane.pipeline.ErrorPolicyRunner.Outcome;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A Kafka Streams processor node that runs a run of the stream's stages on each record: it enters
 * (decoded from the input, or rebuilt from what a stateful operator handed on), goes through the
 * stages in order, and exits (encoded for the output, or keyed for the next stateful operator).
 * A stream without windows or dedupe has one such node: decode, processors, encode.
 *
 * <p>Each stage runs under the stream's error policy on its own, as if it were a node of its own:
 * a record a stage fails on is retried, dropped, or dead-lettered as this node read it (key, value
 * and headers, as bytes) with the name of that stage and where the record was read from, or the
 * instance fails. One node for a run of stages, rather than one per stage, spares every record a
 * Kafka Streams hop, a Streams record and an error-policy set-up per stage (bench/README.md).
 *
 * <p>Kafka Streams creates one per task and calls it on that task's thread only.
 */
final class PipelineNode implements Processor<Object, Object, Object, Object> {

  /** The name of the first node; later ones are {@code stages-<n>}. */
  static final String NAME = "stages";

  private final SegmentEntry entry;
  private final Stage[] stages;
  private final SegmentExit exit;
  private final Supplier<String> next;
  private final boolean first;
  private final boolean last;
  private final ErrorPolicyRunner errors;
  private final InstanceCounters counters;
  private final Clock clock;
  private final StageTrace trace;
  private ProcessorContext<Object, Object> context;

  /**
   * A node that forwards what {@code exit} gives to the child named by {@code next}; {@code first}
   * and {@code last} say whether it reads the stream's input (and counts records in) and writes its
   * output (and counts records out with their latency); {@code trace} sees what each stage hands on.
   */
  PipelineNode(SegmentEntry entry, List<Stage> stages, SegmentExit exit, Supplier<String> next, boolean first,
      boolean last, ErrorPolicyRunner errors, InstanceCounters counters, Clock clock, StageTrace trace) {
    this.entry = entry;
    this.stages = stages.toArray(Stage[]::new);
    this.exit = exit;
    this.next = next;
    this.first = first;
    this.last = last;
    this.errors = errors;
    this.counters = counters;
    this.clock = clock;
    this.trace = trace;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    entry.init(context);
    for (Stage stage : stages) {
      stage.init(context);
    }
  }

  @Override
  public void process(Record<Object, Object> read) {
    long entered = System.nanoTime();
    if (first) {
      counters.in.incrementAndGet();
    }
    RecordSource source = context.recordMetadata()
        .map(m -> new RecordSource(m.topic(), m.partition(), m.offset()))
        .orElse(RecordSource.UNKNOWN);
    dev.sluice.api.record.Record record = run(entry.name(), read, read.timestamp(), source, () -> entry.enter(read));
    if (record != null) {
      trace.passed(entry.name(), List.of(record));
      continueAt(0, record, read, source, entered);
    }
  }

  /** Runs {@code record} through stage {@code index} and the stages after it, depth first. */
  private void continueAt(int index, dev.sluice.api.record.Record record, Record<Object, Object> read,
      RecordSource source, long entered) {
    if (index == stages.length) {
      Record<Object, Object> written = run(exit.name(), read, record.timestamp(), source, () -> exit.exit(record));
      if (written != null) {
        if (last) {
          counters.out.incrementAndGet();
          counters.latency(System.nanoTime() - entered);
        }
        context.forward(written, next.get());
      }
      return;
    }
    Stage stage = stages[index];
    List<dev.sluice.api.record.Record> results =
        run(stage.name(), read, record.timestamp(), source, () -> stage.process(record));
    if (results != null) {
      trace.passed(stage.name(), results);
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
        context.forward(deadLetter(read, timestamp, stage, source, dead.error()), DeadLetters.SINK);
      }
    }
    return null;
  }

  /**
   * The dead-letter record of {@code read}, its key and value as bytes. Should the entry be unable
   * to write them, the instance fails rather than lose the record.
   */
  private Record<Object, Object> deadLetter(Record<Object, Object> read, long timestamp, String stage,
      RecordSource source, Exception error) {
    Record<Object, Object> bytes;
    try {
      bytes = entry.asBytes(read);
    } catch (Exception unwritable) {
      unwritable.addSuppressed(error);
      throw new StageFailedException(stage, source, unwritable);
    }
    return DeadLetters.record(bytes, timestamp, stage, source, error, clock.instant());
  }

  /** Closes every stage, even when one fails to close; rethrows the first failure. */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (Stage stage : stages) {
      try {
        stage.close();
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
