package dev.sluice.controlplane.tap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.controlplane.streams.StreamTopicNames;
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

  /** The topics that hold this point's records, for the stream of {@code names} and {@code spec}. */
  List<String> topics(StreamTopicNames names, JsonNode spec) {
    return switch (this) {
      case INPUT -> names.inputs(spec);
      case OUTPUT -> List.of(names.output(spec));
      case DEAD_LETTERS -> List.of(names.deadLetter());
    };
  }
}
