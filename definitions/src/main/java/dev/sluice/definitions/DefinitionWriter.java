package dev.sluice.definitions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.definition.ComponentConfig;
import dev.sluice.api.definition.ErrorPolicy;
import dev.sluice.api.definition.StreamDefinition;
import dev.sluice.api.definition.StreamSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a validated definition back as a document: the canonical form that the control plane
 * stores and publishes, with every default spelled out. Reading it back with {@link
 * DefinitionReader} gives an equal definition. Thread-safe.
 */
public final class DefinitionWriter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DefinitionWriter() {}

  /** The definition as compact canonical JSON. */
  public static String toJson(StreamDefinition definition) {
    try {
      return JSON.writeValueAsString(toDocument(definition));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a validated definition holds only JSON values", e);
    }
  }

  /** The definition as a document tree of maps, lists and scalars, fields in canonical order. */
  public static Map<String, Object> toDocument(StreamDefinition definition) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", definition.metadata().name());
    metadata.put("namespace", definition.metadata().namespace());
    if (!definition.metadata().labels().isEmpty()) {
      metadata.put("labels", new TreeMap<>(definition.metadata().labels()));
    }
    if (definition.metadata().resourceVersion() != null) {
      metadata.put("resourceVersion", definition.metadata().resourceVersion());
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("apiVersion", StreamDefinition.API_VERSION);
    document.put("kind", StreamDefinition.KIND);
    document.put("metadata", metadata);
    document.put("spec", spec(definition.spec()));
    return document;
  }

  private static Map<String, Object> spec(StreamSpec spec) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("state", spec.state().word());
    out.put("parallelism", spec.parallelism());
    out.put("guarantee", spec.guarantee().word());
    out.put("input", component(spec.input()));
    out.put("pipeline", Map.of("processors", spec.processors().stream().map(DefinitionWriter::component).toList()));
    out.put("output", component(spec.output()));
    out.put("errors", errors(spec.errors()));
    return out;
  }

  private static Map<String, Object> component(ComponentConfig component) {
    return Map.of(component.type(), component.config());
  }

  private static Map<String, Object> errors(ErrorPolicy errors) {
    Map<String, Object> retry = new LinkedHashMap<>();
    retry.put("max", errors.retry().max());
    retry.put("backoff", duration(errors.retry().backoff()));
    retry.put("maxBackoff", duration(errors.retry().maxBackoff()));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("policy", errors.policy().word());
    out.put("retry", retry);
    if (errors.policy() == ErrorPolicy.Action.RETRY) {
      out.put("fallback", errors.fallback().word());
    }
    return out;
  }

  private static String duration(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
