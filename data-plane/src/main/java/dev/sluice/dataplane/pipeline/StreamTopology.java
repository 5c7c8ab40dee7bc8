package dev.sluice.dataplane.pipeline;

import dev.sluice.api.component.ProcessorProvider;
import dev.sluice.api.definition.ComponentConfig;
import dev.sluice.api.expression.Expression;
import dev.sluice.api.expression.ExpressionException;
import dev.sluice.api.expression.ExpressionLanguage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;

/**
 * Builds the Kafka Streams topology of one stream: {@code input -> stages -> output}, where the one
 * processor node {@code stages} ({@link PipelineNode}) runs the stages {@code decode -> p0-<type> ->
 * ... -> encode} on each record, plus a {@code dead-letter} sink fed by every stage when the error
 * policy can dead-letter.
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
    List<ComponentConfig> configs = plan.definition().spec().processors();
    List<Supplier<ProcessorStage>> processors = new ArrayList<>();
    for (int i = 0; i < configs.size(); i++) {
      ComponentConfig config = configs.get(i);
      ProcessorProvider provider = components.processor(config.type());
      String stage = "p" + i + "-" + config.type();
      InstanceContext context = InstanceContext.of(plan, instance, config, expressions, Optional.empty());
      processors.add(() -> new ProcessorStage(stage, provider.create(), context));
    }
    DecodeStage decode = new DecodeStage(plan.inputFormat());
    Map<String, Expression> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : plan.outputHeaders().entrySet()) {
      headers.put(h.getKey(), compileOutput("header '" + h.getKey() + "'", h.getValue()));
    }
    EncodeStage encode = new EncodeStage(plan.outputFormat(), compileOutput("key", plan.outputKey()), headers);

    Topology topology = new Topology();
    topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
        plan.inputTopics().toArray(String[]::new));
    // One processor instance per stage and task, as Processor requires.
    topology.addProcessor(PipelineNode.NAME, () -> new PipelineNode(decode,
        processors.stream().map(Supplier::get).toList(), encode, errors(plan), counters, clock), SOURCE);
    topology.addSink(SINK, plan.outputTopic(), new ByteArraySerializer(), new ByteArraySerializer(),
        PipelineNode.NAME);
    if (plan.deadLetters()) {
      topology.addSink(DeadLetters.SINK, plan.topics().deadLetter(), new ByteArraySerializer(),
          new ByteArraySerializer(), PipelineNode.NAME);
    }
    return topology;
  }

  private ErrorPolicyRunner errors(StreamPlan plan) {
    return new ErrorPolicyRunner(plan.definition().spec().errors(), sleeper);
  }

  private Expression compileOutput(String what, String source) throws StreamSetupException {
    if (source == null) {
      return null;
    }
    try {
      return expressions.compile(source);
    } catch (ExpressionException e) {
      throw new StreamSetupException("the output " + what + " expression does not compile: " + e.getMessage(), e);
    }
  }
}
