package dev.sluice.processors.stateful;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.ComponentProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;
import dev.sluice.api.config.Durations;
import java.util.List;
import java.util.Map;

/**
 * Announces the {@code dedupe} processor. The worker's engine runs it, on a Kafka Streams window
 * store (data-plane's {@code DedupeEntry}): this module holds what validation and the catalogue
 * need.
 */
public final class DedupeProvider implements ComponentProvider {

  public static final String NAME = "dedupe";

  public static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("key", ConfigType.EXPRESSION)
          .doc("Expression on each record's value giving what makes records duplicates of each "
              + "other; the record's key when left out. A record for which it gives nothing goes to "
              + "the error policy.")
          .examples("id", "order.id & '-' & order.version"))
      .field(ConfigField.builder("within", ConfigType.DURATION)
          .required()
          .doc("A record is dropped as a duplicate when one with the same key has passed within this "
              + "time of it (by record timestamps). Keys are remembered about twice as long, in a "
              + "state store with a changelog.")
          .examples("10m", "1h"))
      .shorthand("within")
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor(NAME, ComponentKind.PROCESSOR,
        "Drops records whose key was seen shortly before.", SPEC, DedupeProvider::check);
  }

  static List<Problem> check(Map<String, Object> config) {
    return config.get("within") instanceof String text
        && Durations.parse(text).filter(d -> d.isZero() || d.isNegative()).isPresent()
        ? List.of(Problem.at("within", text, "within must be longer than 0, such as 10m"))
        : List.of();
  }
}
