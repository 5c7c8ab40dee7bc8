package dev.sluice.dataplane.pipeline;

import dev.sluice.api.component.ProcessorProvider;
import dev.sluice.api.config.Durations;
import dev.sluice.api.definition.ComponentConfig;
import dev.sluice.api.expression.Expression;
import dev.sluice.api.expression.ExpressionException;
import dev.sluice.api.expression.ExpressionLanguage;
import dev.sluice.processors.stateful.DedupeProvider;
import dev.sluice.processors.stateful.JoinProvider;
import dev.sluice.processors.stateful.SwitchProvider;
import dev.sluice.processors.stateful.WindowProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Builds the Kafka Streams topology of one stream. Runs of stages become one {@link PipelineNode}
 * each: {@code decode -> p0-<type> -> ... -> encode} for a stream without windows or dedupe. A
 * {@code window} or {@code dedupe} ends a run: the records go, keyed by what the operator groups
 * by, through a repartition topic to a state store, and a new run starts after it. A {@code join}
 * is a stage of a run, reading a global table. Every run feeds the {@code dead-letter} sink when
 * the error policy can dead-letter. A stream with out-of-process processors has one such chain per
 * topology part of its {@link StreamPlan#segments()}, each from its topic to the next.
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
    return build(plan, instance, counters, StageTrace.NONE);
  }

  /** {@link #build(StreamPlan, int, InstanceCounters)}, telling {@code trace} what each stage hands on. */
  public Topology build(StreamPlan plan, int instance, InstanceCounters counters, StageTrace trace)
      throws StreamSetupException {
    return new Build(plan, instance, counters, trace).topology();
  }

  /** The state of one build: the runs made so far and the one being gathered. */
  private final class Build {

    private final StreamPlan plan;
    private final int instance;
    private final InstanceCounters counters;
    private final StageTrace trace;
    private final StreamsBuilder builder = new StreamsBuilder();
    private final List<String> nodes = new ArrayList<>();
    /** Each run's child, by run: known once the topology is built, read by tasks after that. */
    private final Map<String, String> next = new HashMap<>();
    private KStream<Object, Object> stream;
    private Supplier<SegmentEntry> entry;
    private List<Supplier<Stage>> stages = new ArrayList<>();
    /** The state stores the next run's entry reads. */
    private List<String> entryStores = List.of();

    Build(StreamPlan plan, int instance, InstanceCounters counters, StageTrace trace) {
      this.plan = plan;
      this.instance = instance;
      this.counters = counters;
      this.trace = trace;
    }

    Topology topology() throws StreamSetupException {
      List<ComponentConfig> configs = plan.definition().spec().processors();
      Map<String, String> sinks = new LinkedHashMap<>();
      Map<String, String> sinkTopics = new HashMap<>();
      for (StreamPlan.Segment segment : plan.segments()) {
        if (segment.remote()) {
          continue;
        }
        startSegment(segment);
        for (int i = segment.from(); i < segment.to(); i++) {
          add(plan.stageName(i), configs.get(i));
        }
        String sink = plan.writesOutput(segment) ? SINK : SINK + "-p" + segment.to();
        sinks.put(sink, endRun(encode(segment), () -> sink, plan.writesOutput(segment)));
        sinkTopics.put(sink, plan.outputTopic(segment));
      }
      Topology topology = builder.build();
      for (Map.Entry<String, String> sink : sinks.entrySet()) {
        topology.addSink(sink.getKey(), sinkTopics.get(sink.getKey()), new ByteArraySerializer(),
            new ByteArraySerializer(), sink.getValue());
      }
      if (plan.deadLetters()) {
        topology.addSink(DeadLetters.SINK, plan.topics().deadLetter(), new ByteArraySerializer(),
            new ByteArraySerializer(), nodes.toArray(String[]::new));
      }
      resolveChildren(topology.describe(), sinks.values());
      return topology;
    }

    /**
     * Starts reading a topology part of the chain: the stream's input for the first, the topic an
     * out-of-process stage wrote for the others (from its beginning, so nothing the stage wrote
     * before this part first ran is skipped).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void startSegment(StreamPlan.Segment segment) {
      Consumed<byte[], byte[]> consumed = Consumed.with(Serdes.ByteArray(), Serdes.ByteArray());
      consumed = plan.readsInput(segment) ? consumed.withName(SOURCE)
          : consumed.withName(SOURCE + "-p" + segment.from()).withOffsetResetPolicy(AutoOffsetReset.earliest());
      stream = (KStream) builder.stream(plan.inputTopics(segment), consumed);
      DecodeStage decode = new DecodeStage(plan.inputFormat(segment),
          plan.readsInput(segment) ? DecodeStage.NAME : plan.stageName(segment.from() - 1));
      entry = () -> decode;
    }

    private void add(String name, ComponentConfig config) throws StreamSetupException {
      switch (config.type()) {
        case WindowProvider.NAME -> {
          WindowConfig window = WindowConfig.of(name, config.config(), expressions);
          endRun(new WindowInput(name, window), null, false);
          stream = WindowOperator.apply(stream, name, window);
          WindowResultEntry results = new WindowResultEntry(name, window);
          entry = () -> results;
        }
        case DedupeProvider.NAME -> {
          Expression key = compile("processor " + name + ": the key", config.config().get("key"));
          Duration within = Durations.parse((String) config.config().get("within")).orElseThrow();
          endRun(new DedupeInput(name, key), null, false);
          stream = stream.repartition(Repartitioned.<Object, Object>with(bytes(), bytes()).withName(name));
          builder.addStateStore(DedupeEntry.store(name, within));
          entry = () -> new DedupeEntry(name, within, counters);
          entryStores = List.of(DedupeEntry.storeName(name));
        }
        case JoinProvider.NAME -> {
          Map<String, Object> c = config.config();
          JoinStage.Config join = new JoinStage.Config((String) c.get("topic"),
              compile("processor " + name + ": the key", c.get("key")), (String) c.get("into"),
              RecordFormat.of((String) c.get("format")), (String) c.get("missing"));
          builder.globalTable(join.topic(), Consumed.with(Serdes.Bytes(), Serdes.ByteArray())
              .withName(name + "-source"), Materialized.<Bytes, byte[], KeyValueStore<Bytes, byte[]>>as(
                  JoinStage.storeName(name)));
          stages.add(() -> new JoinStage(name, join));
        }
        default -> stages.add(stage(name, config));
      }
    }

    /** A processor run inside a run of stages: one of the components, or a switch of them. */
    private Supplier<Stage> stage(String name, ComponentConfig config) throws StreamSetupException {
      if (!config.type().equals(SwitchProvider.NAME)) {
        ProcessorProvider provider = components.processor(config.type());
        InstanceContext context = InstanceContext.of(plan, instance, config, expressions, Optional.empty());
        return () -> new ProcessorStage(name, provider.create(), context);
      }
      List<Expression> checks = new ArrayList<>();
      List<List<Supplier<Stage>>> caseStages = new ArrayList<>();
      List<?> cases = (List<?>) config.config().get("cases");
      for (int i = 0; i < cases.size(); i++) {
        Map<?, ?> oneCase = (Map<?, ?>) cases.get(i);
        checks.add(compile("processor " + name + ": the check of case " + i, oneCase.get("check")));
        List<Supplier<Stage>> nested = new ArrayList<>();
        List<?> processors = (List<?>) oneCase.get("processors");
        for (int j = 0; j < processors.size(); j++) {
          Map.Entry<?, ?> slot = ((Map<?, ?>) processors.get(j)).entrySet().iterator().next();
          @SuppressWarnings("unchecked")
          ComponentConfig inner = new ComponentConfig((String) slot.getKey(), (Map<String, Object>) slot.getValue());
          nested.add(stage(name + "[" + i + "]." + j + "-" + inner.type(), inner));
        }
        caseStages.add(nested);
      }
      return () -> {
        List<SwitchStage.Case> built = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
          built.add(new SwitchStage.Case(checks.get(i), caseStages.get(i).stream().map(Supplier::get).toList()));
        }
        return new SwitchStage(name, built);
      };
    }

    /**
     * Ends the run gathered so far with {@code exit}, forwarding to {@code child} (or, when {@code
     * null}, to the one child the built topology gives the run), and returns its node's name;
     * {@code last} when it writes the stream's output.
     */
    private String endRun(SegmentExit exit, Supplier<String> child, boolean last) {
      String node = nodes.isEmpty() ? PipelineNode.NAME : PipelineNode.NAME + "-" + nodes.size();
      boolean first = nodes.isEmpty();
      Supplier<String> forwardTo = child != null ? child : () -> next.get(node);
      Supplier<SegmentEntry> runEntry = entry;
      List<Supplier<Stage>> runStages = stages;
      ErrorPolicyRunner errors = new ErrorPolicyRunner(plan.definition().spec().errors(), sleeper);
      stream = stream.process(() -> new PipelineNode(runEntry.get(), runStages.stream().map(Supplier::get).toList(),
          exit, forwardTo, first, last, errors, counters, clock, trace), Named.as(node), entryStores.toArray(String[]::new));
      entryStores = List.of();
      nodes.add(node);
      stages = new ArrayList<>();
      return node;
    }

    /** Finds the child of each run that does not end a part: the operator the run keys records for. */
    private void resolveChildren(TopologyDescription description, Collection<String> partEnds)
        throws StreamSetupException {
      Map<String, TopologyDescription.Node> byName = new LinkedHashMap<>();
      for (TopologyDescription.Subtopology sub : description.subtopologies()) {
        sub.nodes().forEach(n -> byName.put(n.name(), n));
      }
      for (String node : nodes.stream().filter(n -> !partEnds.contains(n)).toList()) {
        List<String> children = byName.get(node).successors().stream().map(TopologyDescription.Node::name)
            .filter(n -> !n.equals(DeadLetters.SINK)).toList();
        if (children.size() != 1) {
          throw new StreamSetupException("internal error: stage run " + node + " has children " + children, null);
        }
        next.put(node, children.get(0));
      }
    }

    /** The exit of a part: for the stream's output, or plain JSON with the key as it is between parts. */
    private EncodeStage encode(StreamPlan.Segment segment) throws StreamSetupException {
      if (!plan.writesOutput(segment)) {
        return new EncodeStage(RecordFormat.JSON, null, Map.of());
      }
      Map<String, Expression> headers = new LinkedHashMap<>();
      for (Map.Entry<String, String> h : plan.outputHeaders().entrySet()) {
        headers.put(h.getKey(), compile("the output header '" + h.getKey() + "'", h.getValue()));
      }
      return new EncodeStage(plan.outputFormat(), compile("the output key", plan.outputKey()), headers);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Serde<Object> bytes() {
      return (Serde) Serdes.ByteArray();
    }
  }

  /** {@code source} compiled, or {@code null} when there is none; {@code what} names it in the error. */
  private Expression compile(String what, Object source) throws StreamSetupException {
    if (source == null) {
      return null;
    }
    try {
      return expressions.compile((String) source);
    } catch (ExpressionException e) {
      throw new StreamSetupException(what + " expression does not compile: " + e.getMessage(), e);
    }
  }
}
