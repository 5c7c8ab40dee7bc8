package dev.sluice.processors.transform;

import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.expression.ExpressionLanguage;
import dev.sluice.expression.JsonataLanguage;
import java.util.Map;

/**
 * A context for one processor instance of {@code instances}, with the given config and Sluice's
 * expression language.
 */
record TestContext(Map<String, Object> config, int instances) implements ComponentContext {

  private static final ExpressionLanguage LANGUAGE = new JsonataLanguage();

  /** The context of a stream's only instance. */
  TestContext(Map<String, Object> config) {
    this(config, 1);
  }

  @Override
  public String stream() {
    return "test/stream";
  }

  @Override
  public int instance() {
    return 0;
  }

  @Override
  public ExpressionLanguage expressions() {
    return LANGUAGE;
  }
}
