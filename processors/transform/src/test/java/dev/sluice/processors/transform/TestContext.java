package dev.sluice.processors.transform;

import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.expression.ExpressionLanguage;
import dev.sluice.expression.JsonataLanguage;
import java.util.Map;

/** A context for one processor instance with the given config and Sluice's expression language. */
record TestContext(Map<String, Object> config) implements ComponentContext {

  private static final ExpressionLanguage LANGUAGE = new JsonataLanguage();

  @Override
  public String stream() {
    return "test/stream";
  }

  @Override
  public int instance() {
    return 0;
  }

  @Override
  public int instances() {
    return 1;
  }

  @Override
  public ExpressionLanguage expressions() {
    return LANGUAGE;
  }
}
