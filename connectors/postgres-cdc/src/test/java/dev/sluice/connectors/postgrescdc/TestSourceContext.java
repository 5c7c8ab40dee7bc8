package dev.sluice.connectors.postgrescdc;

import dev.sluice.api.component.SourceContext;
import dev.sluice.api.expression.ExpressionLanguage;
import java.util.Map;
import java.util.Optional;

/** What a worker tells instance {@code instance} of the stream {@code test/cdc} when it starts. */
record TestSourceContext(
    int instance,
    Map<String, Object> config,
    Optional<Map<String, Object>> committedPosition) implements SourceContext {

  /** Instance 0, resuming from {@code position} if there is one. */
  static TestSourceContext of(Map<String, Object> config, Map<String, Object> position) {
    return new TestSourceContext(0, config, Optional.ofNullable(position));
  }

  @Override
  public String stream() {
    return "test/cdc";
  }

  @Override
  public int instances() {
    return 2;
  }

  @Override
  public ExpressionLanguage expressions() {
    throw new UnsupportedOperationException("postgres_cdc has no expressions");
  }
}
