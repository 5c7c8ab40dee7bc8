package dev.sluice.controlplane.gitops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.List;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * Compares stream definitions the way an apply must: by their canonical JSON as trees (so the
 * order of keys, comments and layout of a file never count as a change), and shows a change as a
 * unified diff of canonical YAML, which is what a person reviews. Thread-safe.
 */
final class DefinitionDiff {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CONTEXT_LINES = 3;

  private DefinitionDiff() {}

  /** Whether two canonical JSON definitions mean the same; {@code false} when either is null. */
  static boolean same(String definitionJson, String otherJson) {
    return definitionJson != null && otherJson != null && tree(definitionJson).equals(tree(otherJson));
  }

  /**
   * The document a person should read for a definition: canonical YAML when it validated, else
   * the text as it was stored.
   */
  static String yaml(String definitionJson, String fallbackText) {
    if (definitionJson == null) {
      return fallbackText;
    }
    DumpSettings settings = DumpSettings.builder()
        .setDefaultFlowStyle(FlowStyle.BLOCK)
        .setSchema(new JsonSchema())
        .build();
    return new Dump(settings).dumpToString(JSON.convertValue(tree(definitionJson), Object.class));
  }

  /**
   * A unified diff ({@code ---}/{@code +++} headers, hunks with three lines of context) from
   * {@code before} to {@code after}; empty when they are equal.
   *
   * @param before the current document, or {@code ""} when the stream does not exist
   * @param after the desired document, or {@code ""} when the stream is to be deleted
   */
  static String unified(String beforeLabel, String before, String afterLabel, String after) {
    List<String> original = before.lines().toList();
    Patch<String> patch = DiffUtils.diff(original, after.lines().toList());
    if (patch.getDeltas().isEmpty()) {
      return "";
    }
    return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(beforeLabel, afterLabel, original, patch,
        CONTEXT_LINES)) + "\n";
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("canonical definitions are JSON", e);
    }
  }
}
