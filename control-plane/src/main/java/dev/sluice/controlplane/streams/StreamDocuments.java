package dev.sluice.controlplane.streams;

import dev.sluice.api.Problem;
import dev.sluice.api.definition.DesiredState;
import dev.sluice.api.definition.Metadata;
import dev.sluice.api.definition.StreamDefinition;
import dev.sluice.controlplane.secrets.SecretReferenceCheck;
import dev.sluice.definitions.DefinitionReader;
import dev.sluice.definitions.DefinitionWriter;
import dev.sluice.definitions.ReadResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * Reads stream documents for saving. Validation is {@link DefinitionReader}'s; on top of it, the
 * fields that say which stream a document is and whether it is to run are read leniently, so a
 * document that does not validate can still be saved paused. A document whose identity itself has
 * problems (syntax, apiVersion, kind, name, namespace, resourceVersion, state) is refused whatever
 * its state. Thread-safe.
 */
final class StreamDocuments {

  /** Problems at these paths leave the stream or its desired state unknown. */
  private static final Set<String> IDENTITY_PATHS = Set.of("", "apiVersion", "kind", "metadata",
      "metadata.name", "metadata.namespace", "metadata.resourceVersion", "spec.state");

  private static final int MAX_ALIASES = 50;
  private static final String SOURCE_NAME = "document";

  private final DefinitionReader reader;
  private final SecretReferenceCheck secretReferences;

  StreamDocuments(DefinitionReader reader, SecretReferenceCheck secretReferences) {
    this.reader = reader;
    this.secretReferences = secretReferences;
  }

  /**
   * Validates {@code text}, including that the secrets it refers to exist, and reads its identity.
   *
   * @throws InvalidDefinitionException when the identity cannot be read
   */
  SubmittedDocument read(String text) {
    ReadResult result = reader.readOne(SOURCE_NAME, text);
    if (result.problems().stream().anyMatch(p -> IDENTITY_PATHS.contains(p.path()))) {
      throw new InvalidDefinitionException("the document cannot be saved, not even paused, because its "
          + "apiVersion, kind, name, namespace, resourceVersion or state has problems; fix them",
          result.problems());
    }
    Map<?, ?> root = (Map<?, ?>) load(text);
    Map<?, ?> metadata = (Map<?, ?>) root.get("metadata");
    String namespace = metadata.get("namespace") instanceof String ns ? ns : Metadata.DEFAULT_NAMESPACE;
    Long resourceVersion = metadata.get("resourceVersion") instanceof Number n ? n.longValue() : null;
    List<Problem> problems = new ArrayList<>(result.problems());
    result.validDefinition().ifPresent(d -> problems.addAll(secretReferences.problems(d)));
    String definitionJson = problems.isEmpty() ? canonicalJson(result.definition()) : null;
    return new SubmittedDocument(text, namespace, (String) metadata.get("name"), state(spec(root)),
        resourceVersion, definitionJson, problems);
  }

  /** {@code text} with {@code spec.state} set, written as YAML (comments are not kept). */
  static String withState(String text, DesiredState state) {
    Map<?, ?> root = (Map<?, ?>) load(text);
    Map<String, Object> document = new LinkedHashMap<>();
    root.forEach((k, v) -> document.put(String.valueOf(k), v));
    Map<String, Object> spec = spec(root);
    spec.put("state", state.word());
    document.put("spec", spec);
    DumpSettings settings = DumpSettings.builder()
        .setDefaultFlowStyle(FlowStyle.BLOCK)
        .setSchema(new JsonSchema())
        .build();
    return new Dump(settings).dumpToString(document);
  }

  /** The {@code spec} object of a stored document, for change summaries; empty if it has none. */
  static Map<String, Object> spec(String text) {
    return load(text) instanceof Map<?, ?> root ? spec(root) : new LinkedHashMap<>();
  }

  private static Map<String, Object> spec(Map<?, ?> root) {
    Map<String, Object> spec = new LinkedHashMap<>();
    if (root.get("spec") instanceof Map<?, ?> map) {
      map.forEach((k, v) -> spec.put(String.valueOf(k), v));
    }
    return spec;
  }

  private static DesiredState state(Map<String, Object> spec) {
    Object word = spec.get("state");
    return Arrays.stream(DesiredState.values()).filter(s -> s.word().equals(word)).findFirst()
        .orElse(DesiredState.ACTIVE);
  }

  private static Object load(String text) {
    LoadSettings settings = LoadSettings.builder()
        .setSchema(new JsonSchema())
        .setAllowDuplicateKeys(true)
        .setMaxAliasesForCollections(MAX_ALIASES)
        .build();
    return new Load(settings).loadFromString(text);
  }

  /** The definition as stored and published: canonical, without the client's resourceVersion. */
  private static String canonicalJson(StreamDefinition definition) {
    Metadata m = definition.metadata();
    return DefinitionWriter.toJson(new StreamDefinition(
        new Metadata(m.name(), m.namespace(), m.labels(), null), definition.spec()));
  }

  /** Problems of a request whose path names another stream than its document; empty if none. */
  static List<Problem> pathMismatch(SubmittedDocument document, String namespace, String name) {
    String fix = "; send the document to the path of the stream it names";
    List<Problem> problems = new ArrayList<>();
    if (!document.namespace().equals(namespace)) {
      problems.add(Problem.at("metadata.namespace", document.namespace(), "the document is in namespace '"
          + document.namespace() + "' but the request is for namespace '" + namespace + "'" + fix));
    }
    if (!document.name().equals(name)) {
      problems.add(Problem.at("metadata.name", document.name(), "the document is named '"
          + document.name() + "' but the request is for '" + name + "'" + fix));
    }
    return problems;
  }
}
