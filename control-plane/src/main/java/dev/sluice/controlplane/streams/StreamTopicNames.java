package dev.sluice.controlplane.streams;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kafka topics Sluice keeps for one stream. The data plane's {@code StreamTopics} names them
 * first; the control plane must not depend on the data plane, so the names are repeated here. They
 * are part of the contract with users and never change.
 *
 * @param namespace the stream's namespace
 * @param name the stream's name
 */
public record StreamTopicNames(String namespace, String name) {

  /** Source connectors write here; the topology reads it. */
  public String ingress() {
    return "sluice.s." + namespace + "." + name + ".in";
  }

  /** The topology writes here when the output is a sink connector, which reads it. */
  public String egress() {
    return "sluice.s." + namespace + "." + name + ".out";
  }

  /** Records the error policy dead-lettered. */
  public String deadLetter() {
    return "sluice.s." + namespace + "." + name + ".dlq";
  }

  /** Samples of what each processor hands on, written by the workers for the live tap. */
  public String tap() {
    return "sluice.s." + namespace + "." + name + ".tap";
  }

  /**
   * The topics the stream whose definition's {@code spec} this is reads: a Kafka input on the
   * system cluster is read where it is, any other input through the ingress topic.
   */
  public List<String> inputs(JsonNode spec) {
    List<String> topics = new ArrayList<>();
    JsonNode kafka = spec.path("input").path("kafka");
    if (kafka.isObject() && !kafka.has("bootstrap")) {
      kafka.path("topics").forEach(t -> topics.add(t.asText()));
    } else {
      topics.add(ingress());
    }
    return topics;
  }

  /** The topic the stream writes: a Kafka output on the system cluster, else the egress topic. */
  public String output(JsonNode spec) {
    JsonNode kafka = spec.path("output").path("kafka");
    return kafka.isObject() && !kafka.has("bootstrap") ? kafka.path("topic").asText() : egress();
  }
}
