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
    Optional<Map<String, Object>> committedPosition,
    Map<String, String> workerSettings) implements SourceContext {

  /** The context of one component of instance {@code instance} of the plan's stream. */
  public static InstanceContext of(StreamPlan plan, int instance, ComponentConfig component,
      ExpressionLanguage expressions, Optional<Map<String, Object>> committedPosition) {
    return new InstanceContext(plan.definition().id(), instance, plan.definition().spec().parallelism(),
        component.config(), expressions, committedPosition, Map.of());
  }

  /** This context with the worker's settings for components, such as its ingest port. */
  public InstanceContext withWorkerSettings(Map<String, String> settings) {
    return new InstanceContext(stream, instance, instances, config, expressions, committedPosition,
        Map.copyOf(settings));
  }

  @Override
  public Optional<String> workerSetting(String name) {
    return Optional.ofNullable(workerSettings.get(name));
  }
}
