package dev.sluice.controlplane.http;

import dev.sluice.api.definition.Metadata;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * The namespace a submitted document names, read leniently before validation so that a caller's
 * permission is checked against the namespace it writes to, even when the document is invalid.
 */
final class DocumentNamespace {

  private DocumentNamespace() {}

  static String of(String text) {
    try {
      Object root = new Load(LoadSettings.builder().setSchema(new JsonSchema())
          .setMaxAliasesForCollections(50).build()).loadFromString(text);
      if (root instanceof Map<?, ?> doc && doc.get("metadata") instanceof Map<?, ?> metadata
          && metadata.get("namespace") instanceof String namespace) {
        return namespace;
      }
      return Metadata.DEFAULT_NAMESPACE;
    } catch (YamlEngineException e) {
      return Metadata.DEFAULT_NAMESPACE;
    }
  }
}
