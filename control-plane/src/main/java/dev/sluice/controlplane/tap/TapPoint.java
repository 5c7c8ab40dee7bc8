package dev.sluice.controlplane.tap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Where a tap listens: what a stream reads, what it writes, or what it dead-letters. */
public enum TapPoint {
  INPUT,
  OUTPUT,
  DEAD_LETTERS;

  /** The point called {@code word} ({@code input}, {@code output}, {@code dead-letters}), if any. */
  public static Optional<TapPoint> of(String word) {
    for (TapPoint p : values()) {
      if (p.word().equals(word)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** How users write it. */
  public String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The topics that hold this point's records for the stream {@code namespace/name} whose spec is
   * {@code spec}: a Kafka input or output on the system cluster is its own topics, anything else
   * goes through the stream's ingress or egress topic. The names are the data plane's contract
   * (its {@code StreamTopics}), repeated here as the control plane does not depend on it.
   */
  List<String> topics(String namespace, String name, JsonNode spec) {
    String prefix = "sluice.s." + namespace + "." + name;
    List<String> topics = new ArrayList<>();
    switch (this) {
      case INPUT -> {
        JsonNode kafka = spec.path("input").path("kafka");
        if (kafka.isObject() && !kafka.has("bootstrap")) {
          kafka.path("topics").forEach(t -> topics.add(t.asText()));
        } else {
          topics.add(prefix + ".in");
        }
      }
      case OUTPUT -> {
        JsonNode kafka = spec.path("output").path("kafka");
        topics.add(kafka.isObject() && !kafka.has("bootstrap") ? kafka.path("topic").asText() : prefix + ".out");
      }
      case DEAD_LETTERS -> topics.add(prefix + ".dlq");
    }
    return topics;
  }
}
