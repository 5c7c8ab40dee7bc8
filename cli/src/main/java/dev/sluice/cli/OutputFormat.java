package dev.sluice.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/** How {@code sluice get} prints: tables for people, YAML and JSON for scripts. */
enum OutputFormat {
  /** Columns with the essentials. */
  TABLE,
  /** Columns with the observed status too (one more request per stream). */
  WIDE,
  /** Stream documents, {@code ---} between them, ready to apply again. */
  YAML,
  /** Stream documents as JSON; a list as {@code {"items": [...]}}. */
  JSON;

  /** {@code node} as block-style YAML. */
  static String yaml(JsonNode node) {
    DumpSettings settings = DumpSettings.builder()
        .setDefaultFlowStyle(FlowStyle.BLOCK)
        .setSchema(new JsonSchema())
        .build();
    return new Dump(settings).dumpToString(ApiClient.JSON.convertValue(node, Object.class));
  }

  /** {@code node} as indented JSON. */
  static String json(JsonNode node) {
    try {
      return ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree read from JSON writes as JSON", e);
    }
  }
}
