package dev.sluice.dataplane.pipeline;

import dev.sluice.api.component.ProcessorProvider;
import dev.sluice.api.definition.ComponentConfig;
import dev.sluice.api.expression.Expression;
import dev.sluice.api.expression.ExpressionException;
import dev.sluice.api.expression.ExpressionLanguage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;

/**
 * Builds the Kafka Streams topology of one stream:
 * {@code input -> decode -> p0-<name> -> ... -> encode -> output}, plus a {@code dead-letter} sink
 * fed by every stage when the error policy can dead-letter.
 */
public final class StreamTopology {

  static final String SOURCE = "input";
  static final String SINK = "output";

  private final Components components;
  private final ExpressionLanguage expressions;
  private final Clock clock;
  private final Sleeper sleeper;

  public StreamTopology(Components components, ExpressionLanguage expressions, Clock clock, Sleeper sleeper) {
    this.components = components;
    this.expressions = expressions;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * The topology of instance {@code instance} of the plan's stream, counting into {@code counters}.
   *
   * @throws StreamSetupException when a processor is not installed or an expression does not
   *     compile on this worker
   */
  public Topology build(StreamPlan plan, int instance, InstanceCounters counters) throws StreamSetupException {
    var spec = plan.definition().spec();
    List<ComponentConfig> processors = spec.processors();
    List<String> names = new ArrayList<>();
    names.add(DecodeNode.NAME);
    for (int i = 0; i < processors.size(); i++) {
      names.add("p" + i + "-" + processors.get(i).type());
    }
    names.add(EncodeNode.NAME);

    Topology topology = new Topology();
    topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
        plan.inputTopics().toArray(String[]::new));
    RecordFormat inputFormat = plan.inputFormat();
    topology.addProcessor(DecodeNode.NAME,
        () -> new DecodeNode(inputFormat, names.get(1), errors(plan), counters, clock), SOURCE);
    for (int i = 0; i < processors.size(); i++) {
      ComponentConfig config = processors.get(i);
      ProcessorProvider provider = components.processor(config.type());
      String stage = names.get(i + 1);
      String next = names.get(i + 2);
      InstanceContext context = InstanceContext.of(plan, instance, config, expressions, Optional.empty());
      topology.addProcessor(stage,
          () -> new ProcessorNode(stage, provider.create(), context, next, errors(plan), counters, clock),
          names.get(i));
    }
    Expression key = compileKey(plan.outputKey());
    RecordFormat outputFormat = plan.outputFormat();
    topology.addProcessor(EncodeNode.NAME,
        () -> new EncodeNode(outputFormat, key, SINK, errors(plan), counters, clock), names.get(names.size() - 2));
    topology.addSink(SINK, plan.outputTopic(), new ByteArraySerializer(), new ByteArraySerializer(), EncodeNode.NAME);
    if (plan.deadLetters()) {
      topology.addSink(DeadLetters.SINK, plan.topics().deadLetter(), new ByteArraySerializer(),
          new ByteArraySerializer(), names.toArray(String[]::new));
    }
    return topology;
  }

  private ErrorPolicyRunner errors(StreamPlan plan) {
    return new ErrorPolicyRunner(plan.definition().spec().errors(), sleeper);
  }

  private Expression compileKey(String source) throws StreamSetupException {
    if (source == null) {
      return null;
    }
    try {
      return expressions.compile(source);
    } catch (ExpressionException e) {
      throw new StreamSetupException("the output key expression does not compile: " + e.getMessage(), e);
    }
  }
}
