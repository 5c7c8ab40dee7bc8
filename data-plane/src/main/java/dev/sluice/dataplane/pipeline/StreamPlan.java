package dev.sluice.dataplane.pipeline;

import dev.sluice.api.definition.ComponentConfig;
import dev.sluice.api.definition.ErrorPolicy.Action;
import dev.sluice.api.definition.StreamDefinition;
import dev.sluice.processors.stateful.PluginProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a stream's records come from and go to on Kafka: straight from the user's topics when the
 * input is {@code kafka} on the system cluster, otherwise from the ingress topic a source
 * connector fills (also {@code kafka} with a {@code bootstrap} of another cluster); straight to
 * the user's topic when the output is {@code kafka} on the system cluster, otherwise to the egress
 * topic a sink connector drains.
 *
 * <p>Out-of-process processors ({@code plugin}) cut the processor chain into {@link Segment}s
 * (ADR 8): {@code topology(a) -> p<i> -> remote stage -> p<j> -> topology(b)}, where topic {@code
 * p<i>} holds what processor {@code i} reads. Consecutive plugins share one stage.
 */
public record StreamPlan(StreamDefinition definition, StreamTopics topics) {

  /** The kafka input and output on the system cluster need no connector. */
  static final String KAFKA = "kafka";
  /** Set when the kafka input or output is another cluster than the system one. */
  static final String BOOTSTRAP = "bootstrap";

  public static StreamPlan of(StreamDefinition definition) {
    return new StreamPlan(definition, new StreamTopics(definition.metadata().namespace(), definition.metadata().name()));
  }

  public boolean hasSourceConnector() {
    return !systemKafka(input());
  }

  public boolean hasSinkConnector() {
    return !systemKafka(output());
  }

  private static boolean systemKafka(ComponentConfig component) {
    return component.type().equals(KAFKA) && !component.config().containsKey(BOOTSTRAP);
  }

  /** The topics the topology reads. */
  @SuppressWarnings("unchecked")
  public List<String> inputTopics() {
    return hasSourceConnector() ? List.of(topics.ingress()) : (List<String>) input().config().get("topics");
  }

  /** The topic the topology writes. */
  public String outputTopic() {
    return hasSinkConnector() ? topics.egress() : (String) output().config().get("topic");
  }

  /**
   * The format of the values the topology reads: the kafka input's {@code format}, on any
   * cluster (a source connector for another cluster writes the ingress topic in it, so bytes stay
   * bytes); JSON for every other connector, whose records hold JSON-like values.
   */
  public RecordFormat inputFormat() {
    return input().type().equals(KAFKA) ? RecordFormat.of((String) input().config().get("format")) : RecordFormat.JSON;
  }

  /** The format of the values the topology writes; see {@link #inputFormat()}. */
  public RecordFormat outputFormat() {
    return output().type().equals(KAFKA) ? RecordFormat.of((String) output().config().get("format")) : RecordFormat.JSON;
  }

  /** The output's header expressions by header name, when the output is kafka on this cluster. */
  @SuppressWarnings("unchecked")
  Map<String, String> outputHeaders() {
    return hasSinkConnector() ? Map.of() : (Map<String, String>) output().config().getOrDefault("headers", Map.of());
  }

  /** The output's key expression, when the output is kafka and has one. */
  String outputKey() {
    return hasSinkConnector() ? null : (String) output().config().get("key");
  }

  /**
   * A part of the processor chain: processors {@code from} (inclusive) to {@code to} (exclusive),
   * run in the stream's Kafka Streams topology or, when {@code remote}, by a stage of their own
   * that calls out-of-process plugins. A topology part may hold no processors: it still decodes
   * and encodes between its topics.
   */
  public record Segment(int from, int to, boolean remote) {}

  /**
   * The processor chain cut at out-of-process processors: topology parts and remote stages
   * alternate, and the first and last parts are topology parts (possibly empty). A stream without
   * plugins is one topology part.
   */
  public List<Segment> segments() {
    List<ComponentConfig> processors = definition.spec().processors();
    List<Segment> segments = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < processors.size()) {
      if (!isRemote(processors.get(i))) {
        i++;
        continue;
      }
      int end = i;
      while (end < processors.size() && isRemote(processors.get(end))) {
        end++;
      }
      segments.add(new Segment(start, i, false));
      segments.add(new Segment(i, end, true));
      start = end;
      i = end;
    }
    segments.add(new Segment(start, processors.size(), false));
    return segments;
  }

  /** The remote stages of {@link #segments()}, in order. */
  public List<Segment> remoteStages() {
    return segments().stream().filter(Segment::remote).toList();
  }

  /** The name of processor {@code index} as a stage, in dead-letter headers and errors: {@code p<i>-<type>}. */
  public String stageName(int index) {
    return "p" + index + "-" + definition.spec().processors().get(index).type();
  }

  /** Whether {@code processor} runs out of process. */
  public static boolean isRemote(ComponentConfig processor) {
    return processor.type().equals(PluginProvider.NAME);
  }

  /** Whether {@code segment} reads the stream's input (and so counts records in). */
  public boolean readsInput(Segment segment) {
    return !segment.remote() && segment.from() == 0;
  }

  /** Whether {@code segment} writes the stream's output (and so counts records out). */
  public boolean writesOutput(Segment segment) {
    return !segment.remote() && segment.to() == definition.spec().processors().size();
  }

  /** The topics {@code segment} reads. */
  public List<String> inputTopics(Segment segment) {
    return readsInput(segment) ? inputTopics() : List.of(topics.processorInput(segment.from()));
  }

  /** The topic {@code segment} writes. */
  public String outputTopic(Segment segment) {
    return writesOutput(segment) ? outputTopic() : topics.processorInput(segment.to());
  }

  /** The format of the values {@code segment} reads: the input's, or JSON between parts. */
  public RecordFormat inputFormat(Segment segment) {
    return readsInput(segment) ? inputFormat() : RecordFormat.JSON;
  }

  /** The format of the values {@code segment} writes: the output's, or JSON between parts. */
  public RecordFormat outputFormat(Segment segment) {
    return writesOutput(segment) ? outputFormat() : RecordFormat.JSON;
  }

  /** The topics between parts of the chain, which the worker creates like the stream's others. */
  public List<String> internalTopics() {
    List<String> internal = new ArrayList<>();
    for (Segment stage : remoteStages()) {
      internal.add(topics.processorInput(stage.from()));
      internal.add(topics.processorInput(stage.to()));
    }
    return internal;
  }

  /** Whether any record can end in the dead-letter topic. */
  public boolean deadLetters() {
    var errors = definition.spec().errors();
    return errors.policy() == Action.DEAD_LETTER
        || (errors.policy() == Action.RETRY && errors.fallback() == Action.DEAD_LETTER);
  }

  ComponentConfig input() {
    return definition.spec().input();
  }

  ComponentConfig output() {
    return definition.spec().output();
  }
}
