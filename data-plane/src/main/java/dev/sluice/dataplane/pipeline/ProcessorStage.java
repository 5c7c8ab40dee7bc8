package dev.sluice.dataplane.pipeline;

import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.Processor;
import dev.sluice.api.record.Record;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * A stage that runs one of the stream's processors, named {@code p<index>-<type>}, with the
 * processor's class loader as the context class loader. Used by one task's thread, as {@link
 * Processor} requires.
 */
final class ProcessorStage implements Stage {

  private final String name;
  private final Processor processor;
  private final ComponentContext componentContext;

  ProcessorStage(String name, Processor processor, ComponentContext componentContext) {
    this.name = name;
    this.processor = processor;
    this.componentContext = componentContext;
  }

  @Override
  public String name() {
    return name;
  }

  /** Starts the processor; fails the task with the stage's name when it cannot start. */
  @Override
  public void init(ProcessorContext<?, ?> context) {
    try {
      ContextClassLoader.of(processor, () -> {
        processor.start(componentContext);
        return null;
      });
    } catch (Exception e) {
      throw new IllegalStateException("processor " + name + " cannot start: " + e.getMessage(), e);
    }
  }

  /**
   * What replaces {@code record} downstream.
   *
   * @throws Exception what the processor threw, or a {@link NullPointerException} when it returned
   *     no list or a list holding {@code null}: a failure of this stage, for the error policy
   */
  @Override
  public List<Record> process(Record record) throws Exception {
    List<Record> results = ContextClassLoader.of(processor, () -> processor.process(record));
    for (Record result : results) {
      if (result == null) {
        throw new NullPointerException("processor " + name + " returned a null record");
      }
    }
    return results;
  }

  @Override
  public void close() {
    processor.close();
  }
}
