package dev.sluice.connectors.generate;

import dev.sluice.api.component.SourceContext;
import dev.sluice.api.expression.ExpressionLanguage;
import dev.sluice.expression.JsonataLanguage;
import java.util.Map;
import java.util.Optional;

/** What the engine tells instance {@code instance} of {@code instances} of a generate input. */
record TestSourceContext(
    int instance,
    int instances,
    Map<String, Object> config,
    Optional<Map<String, Object>> committedPosition) implements SourceContext {

  private static final ExpressionLanguage LANGUAGE = new JsonataLanguage();

  /** A first start, with nothing committed. */
  TestSourceContext(int instance, int instances, Map<String, Object> config) {
    this(instance, instances, config, Optional.empty());
  }

  @Override
  public String stream() {
    return "test/generate";
  }

  @Override
  public ExpressionLanguage expressions() {
    return LANGUAGE;
  }
}
