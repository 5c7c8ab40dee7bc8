package dev.sluice.dataplane.pipeline;

import dev.sluice.api.component.SourceContext;
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
    Optional<Map<String, Object>> committedPosition) implements SourceContext {}
