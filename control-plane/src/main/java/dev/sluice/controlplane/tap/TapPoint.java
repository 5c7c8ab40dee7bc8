package dev.sluice.controlplane.tap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.controlplane.streams.StreamTopicNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a tap listens on a stream: what it reads ({@code input}), what processor {@code i} hands on
 * ({@code p<i>-<type>}, sampled by the workers), what it writes ({@code output}), or what it
 * dead-letters ({@code dead-letters}).
 *
 * @param word how users write it
 * @param label what a person reads
 * @param stage the processor's stage name when the point is after a processor, else {@code null}
 */
public record TapPoint(String word, String label, String stage) {

  private static final String INPUT = "input";
  private static final String OUTPUT = "output";
  private static final String DEAD_LETTERS = "dead-letters";

  /** Every point of the stream whose definition's {@code spec} this is, in the order records pass them. */
  public static List<TapPoint> all(JsonNode spec) {
    List<TapPoint> points = new ArrayList<>();
    points.add(new TapPoint(INPUT, "Input (" + type(spec.path("input")) + "), every record", null));
    JsonNode processors = spec.path("pipeline").path("processors");
    for (int i = 0; i < processors.size(); i++) {
      String type = type(processors.get(i));
      String stage = "p" + i + "-" + type;
      points.add(new TapPoint(stage, "After processor " + (i + 1) + " (" + type + "), sampled", stage));
    }
    points.add(new TapPoint(OUTPUT, "Output (" + type(spec.path("output")) + "), every record", null));
    points.add(new TapPoint(DEAD_LETTERS, "Dead letters, every record", null));
    return points;
  }

  /** The point of that stream called {@code word}, if it has one. */
  public static Optional<TapPoint> of(String word, JsonNode spec) {
    return all(spec).stream().filter(p -> p.word().equals(word)).findFirst();
  }

  /** Whether the point shows samples rather than every record. */
  public boolean sampled() {
    return stage != null;
  }

  /** The topics that hold this point's records, for the stream of {@code names} and {@code spec}. */
  List<String> topics(StreamTopicNames names, JsonNode spec) {
    return switch (word) {
      case INPUT -> names.inputs(spec);
      case OUTPUT -> List.of(names.output(spec));
      case DEAD_LETTERS -> List.of(names.deadLetter());
      default -> List.of(names.tap());
    };
  }

  /** A component's type: the one field of its node, such as {@code kafka}. */
  private static String type(JsonNode component) {
    return component.fieldNames().hasNext() ? component.fieldNames().next() : "?";
  }
}
