package dev.sluice.dataplane.pipeline;

import dev.sluice.api.definition.ComponentConfig;
import dev.sluice.api.definition.ErrorPolicy.Action;
import dev.sluice.api.definition.StreamDefinition;
import java.util.List;
import java.util.Map;

/**
 * Where a stream's records come from and go to on Kafka: straight from the user's topics when the
 * input is {@code kafka} on the system cluster, otherwise from the ingress topic a source
 * connector fills (also {@code kafka} with a {@code bootstrap} of another cluster); straight to
 * the user's topic when the output is {@code kafka} on the system cluster, otherwise to the egress
 * topic a sink connector drains.
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
