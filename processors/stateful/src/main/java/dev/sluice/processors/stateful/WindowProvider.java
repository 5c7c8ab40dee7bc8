package dev.sluice.processors.stateful;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.ComponentProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;
import dev.sluice.api.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Announces the {@code window} processor. The worker's engine runs it, as a windowed aggregation
 * of Kafka Streams (data-plane's {@code WindowOperator}): this module holds what validation and the
 * catalogue need.
 */
public final class WindowProvider implements ComponentProvider {

  public static final String NAME = "window";
  static final Set<String> RESULT_FIELDS = Set.of("key", "windowStart", "windowEnd");

  public static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("type", ConfigType.ENUM)
          .required()
          .choices("tumbling", "hopping", "sliding", "session")
          .doc("tumbling: fixed windows of 'size' back to back; hopping: windows of 'size' starting "
              + "every 'advance'; sliding: windows of 'size' around each record; session: records "
              + "of a key less than 'gap' apart."))
      .field(ConfigField.builder("size", ConfigType.DURATION)
          .doc("Length of tumbling and hopping windows; for sliding windows the largest time "
              + "difference between records in one window.")
          .examples("1m", "10s"))
      .field(ConfigField.builder("advance", ConfigType.DURATION)
          .doc("How far each hopping window starts after the previous one; at most 'size'.")
          .examples("10s"))
      .field(ConfigField.builder("gap", ConfigType.DURATION)
          .doc("Session windows: a record more than this after the last one of its key starts a "
              + "new session.")
          .examples("5m"))
      .field(ConfigField.builder("grace", ConfigType.DURATION)
          .defaultValue("0s")
          .doc("How long after a window's end records that arrive late (out of order) still count; "
              + "later ones are left out of it (and counted as late in the worker's metrics)."))
      .field(ConfigField.builder("key", ConfigType.EXPRESSION)
          .doc("Expression on each record's value giving the key to aggregate by; the record's key "
              + "when left out. A record for which it gives nothing goes to the error policy.")
          .examples("type", "customer.id"))
      .field(ConfigField.builder("time", ConfigType.EXPRESSION)
          .doc("Expression giving each record's event time, as epoch milliseconds or an ISO-8601 "
              + "time; the record's timestamp when left out.")
          .examples("ts", "event.occurredAt"))
      .field(ConfigField.builder("emit", ConfigType.ENUM)
          .choices("final", "update")
          .defaultValue("final")
          .doc("final: one result per window once it closes (end + grace); update: a new result "
              + "each time a record changes the window."))
      .field(ConfigField.builder("aggregate", ConfigType.MAP)
          .required()
          .elements(ConfigType.EXPRESSION)
          .doc("The result's fields, each an expression: $count(), $sum(E), $average(E), $min(E) "
              + "and $max(E) are kept up to date record by record; any other expression is evaluated "
              + "on the array of the window's values when the result is made (which keeps those "
              + "values in the window's state).")
          .examples("{count: \"$count()\", total: \"$sum(amount)\", top: \"$max(amount)\"}"))
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor(NAME, ComponentKind.PROCESSOR,
        "Aggregates records per key over tumbling, hopping, sliding or session windows.", SPEC,
        WindowProvider::check);
  }

  /** The rules the spec cannot say: which durations each type needs and allows. */
  static List<Problem> check(Map<String, Object> config) {
    List<Problem> problems = new ArrayList<>();
    String type = String.valueOf(config.get("type"));
    boolean sized = !type.equals("session");
    need(problems, config, "size", sized, type);
    need(problems, config, "advance", type.equals("hopping"), type);
    need(problems, config, "gap", type.equals("session"), type);
    Optional<Duration> size = duration(config, "size");
    Optional<Duration> advance = duration(config, "advance");
    if (size.isPresent() && advance.isPresent() && advance.get().compareTo(size.get()) > 0) {
      problems.add(Problem.at("advance", String.valueOf(config.get("advance")), "a hopping window cannot advance "
          + "by more than its size (" + config.get("size") + "); make advance at most size"));
    }
    for (String field : List.of("size", "advance", "gap")) {
      duration(config, field).filter(d -> d.isZero() || d.isNegative()).ifPresent(d -> problems.add(
          Problem.at(field, String.valueOf(config.get(field)), field + " must be longer than 0, such as 1m")));
    }
    if (config.get("aggregate") instanceof Map<?, ?> aggregate) {
      if (aggregate.isEmpty()) {
        problems.add(Problem.at("aggregate", "{}", "name at least one result field, such as count: \"$count()\""));
      }
      for (Object name : aggregate.keySet()) {
        if (RESULT_FIELDS.contains(name)) {
          problems.add(Problem.at("aggregate." + name, String.valueOf(aggregate.get(name)), "'" + name
              + "' is a field every window result has already; choose another name"));
        }
      }
    }
    return problems;
  }

  private static void need(List<Problem> problems, Map<String, Object> config, String field, boolean needed,
      String type) {
    boolean given = config.get(field) != null;
    if (needed && !given) {
      problems.add(Problem.at(field, null, "a " + type + " window needs '" + field + "', such as " + field + ": 1m"));
    } else if (!needed && given) {
      problems.add(Problem.at(field, String.valueOf(config.get(field)), "'" + field + "' does not apply to a "
          + type + " window; remove it"));
    }
  }

  private static Optional<Duration> duration(Map<String, Object> config, String field) {
    return config.get(field) instanceof String text ? Durations.parse(text) : Optional.empty();
  }
}
