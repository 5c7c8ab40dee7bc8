package dev.sluice.connectors.kafka;

import dev.sluice.api.component.SourceContext;
import dev.sluice.api.expression.ExpressionLanguage;
import dev.sluice.expression.JsonataLanguage;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine tells instance {@code instance} of {@code instances} of a kafka component of the
 * stream {@code test/kafka}; the config is given as a connector receives it, defaults applied.
 */
record TestContext(
    int instance,
    int instances,
    Map<String, Object> config,
    Optional<Map<String, Object>> committedPosition) implements SourceContext {

  private static final ExpressionLanguage LANGUAGE = new JsonataLanguage();

  @Override
  public String stream() {
    return "test/kafka";
  }

  @Override
  public ExpressionLanguage expressions() {
    return LANGUAGE;
  }
}
