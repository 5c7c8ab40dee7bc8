package dev.sluice.processors.registry;

import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.expression.ExpressionLanguage;
import java.util.Map;

/** A context for one processor instance with the given config; these processors need no expressions. */
record TestContext(Map<String, Object> config) implements ComponentContext {

  @Override
  public String stream() {
    return "test/registry";
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
    throw new UnsupportedOperationException("the registry processors use no expressions");
  }
}
