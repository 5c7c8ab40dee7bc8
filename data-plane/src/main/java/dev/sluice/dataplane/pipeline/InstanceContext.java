package dev.sluice.dataplane.pipeline;

import dev.sluice.api.component.SourceContext;
import dev.sluice.api.definition.ComponentConfig;
import dev.sluice.api.expression.ExpressionLanguage;
import java.util.Map;
import java.util.Optional;

/** What a component of a running stream instance is told at start. */
public record InstanceContext(
    String stream,
    int instance,
    int instances,
    Map<String, Object> config,
    ExpressionLanguage expressions,
    Optional<Map<String, Object>> committedPosition) implements SourceContext {

  /** The context of one component of instance {@code instance} of the plan's stream. */
  public static InstanceContext of(StreamPlan plan, int instance, ComponentConfig component,
      ExpressionLanguage expressions, Optional<Map<String, Object>> committedPosition) {
    return new InstanceContext(plan.definition().id(), instance, plan.definition().spec().parallelism(),
        component.config(), expressions, committedPosition);
  }
}
