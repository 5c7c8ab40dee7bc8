package dev.sluice.dataplane.pipeline;

import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.Processor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** A stage that runs one of the stream's processors. */
final class ProcessorNode extends StageNode {

  private final String stage;
  private final Processor processor;
  private final ComponentContext componentContext;

  ProcessorNode(String stage, Processor processor, ComponentContext componentContext, String next,
      ErrorPolicyRunner errors, InstanceCounters counters, Clock clock) {
    super(stage, next, errors, counters, clock);
    this.stage = stage;
    this.processor = processor;
    this.componentContext = componentContext;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    super.init(context);
    try {
      ContextClassLoader.of(processor, () -> {
        processor.start(componentContext);
        return null;
      });
    } catch (Exception e) {
      throw new IllegalStateException("processor " + stage + " cannot start: " + e.getMessage(), e);
    }
  }

  @Override
  List<Record<Object, Object>> work(Record<Object, Object> record) throws Exception {
    Envelope envelope = (Envelope) record.value();
    List<dev.sluice.api.record.Record> results =
        ContextClassLoader.of(processor, () -> processor.process(envelope.record()));
    List<Record<Object, Object>> forwarded = new ArrayList<>(results.size());
    for (dev.sluice.api.record.Record result : results) {
      forwarded.add(new Record<>(record.key(), envelope.with(result), result.timestamp(), record.headers()));
    }
    return forwarded;
  }

  @Override
  Envelope original(Record<Object, Object> record) {
    return (Envelope) record.value();
  }

  @Override
  public void close() {
    processor.close();
  }
}
