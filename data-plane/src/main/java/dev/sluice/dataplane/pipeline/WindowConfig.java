package dev.sluice.dataplane.pipeline;

import dev.sluice.api.config.Durations;
import dev.sluice.api.expression.Expression;
import dev.sluice.api.expression.ExpressionException;
import dev.sluice.api.expression.ExpressionLanguage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code window} processor's config, parsed once (the definition was validated against {@link
 * dev.sluice.processors.stateful.WindowProvider#SPEC}).
 *
 * @param type tumbling, hopping, sliding or session
 * @param size window length (sliding: largest time difference); {@code null} for sessions
 * @param advance hopping windows' step; {@code null} otherwise
 * @param gap sessions' inactivity gap; {@code null} otherwise
 * @param grace how long late records still count
 * @param key the grouping key expression, {@code null} for the record key
 * @param time the event time expression, {@code null} for the record timestamp
 * @param emitFinal one result per window when it closes, rather than one per update
 * @param aggregates the result fields, in order
 */
record WindowConfig(String type, Duration size, Duration advance, Duration gap, Duration grace, Expression key,
    Expression time, boolean emitFinal, List<Aggregate> aggregates) {

  /**
   * Parses a validated config.
   *
   * @throws StreamSetupException when an expression does not compile on this worker
   */
  static WindowConfig of(String stage, Map<String, Object> config, ExpressionLanguage expressions)
      throws StreamSetupException {
    try {
      List<Aggregate> aggregates = new ArrayList<>();
      @SuppressWarnings("unchecked")
      Map<String, Object> given = (Map<String, Object>) config.get("aggregate");
      for (Map.Entry<String, Object> a : given.entrySet()) {
        aggregates.add(Aggregate.of(a.getKey(), (String) a.getValue(), expressions));
      }
      return new WindowConfig((String) config.get("type"), duration(config, "size"), duration(config, "advance"),
          duration(config, "gap"), duration(config, "grace"), compile(config, "key", expressions),
          compile(config, "time", expressions), !"update".equals(config.get("emit")), List.copyOf(aggregates));
    } catch (ExpressionException e) {
      throw new StreamSetupException("processor " + stage + ": an expression does not compile: " + e.getMessage(), e);
    }
  }

  /** Whether any result is made from the window's values, which must then be kept. */
  boolean keepsValues() {
    return aggregates.stream().anyMatch(Aggregate::keepsValues);
  }

  private static Duration duration(Map<String, Object> config, String field) {
    Object text = config.get(field);
    return text == null ? null : Durations.parse((String) text).orElseThrow();
  }

  private static Expression compile(Map<String, Object> config, String field, ExpressionLanguage expressions)
      throws ExpressionException {
    Object source = config.get(field);
    return source == null ? null : expressions.compile((String) source);
  }
}
