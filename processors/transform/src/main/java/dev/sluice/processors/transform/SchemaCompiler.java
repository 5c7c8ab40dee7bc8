package dev.sluice.processors.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.path.PathType;
import dev.sluice.api.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * Turns the {@code schema} text of a {@code json_schema} config into a compiled {@link Schema}, or
 * every problem that stops it: text that is not YAML or JSON, a root that is not a schema, a
 * schema that breaks its version's meta-schema (a misspelt type, a negative minLength), a
 * {@code $ref} to another document (the processor never loads one: not from the network, not from
 * the class path), a pattern that does not compile.
 *
 * <p>Runs during validation (as the component's config check) and again at start. Each call builds
 * its own registry, so two streams whose schemas share an {@code $id} never see each other's.
 * Thread-safe.
 */
final class SchemaCompiler {

  static final String SCHEMA = "schema";
  static final String DRAFT = "draft";
  static final String CHECK_FORMATS = "checkFormats";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_SHOWN = 80;
  /** Meta-schemas ship inside the validator's jar; nothing else is ever loaded. */
  private static final List<String> LOADABLE = List.of(
      "https://json-schema.org/draft/", "http://json-schema.org/draft-");

  private SchemaCompiler() {}

  /**
   * The compiled schema, or the problems that stop it.
   *
   * @param schema the compiled schema, {@code null} when there are problems
   * @param problems every problem, paths relative to the component's config; empty when compiled
   */
  record Result(Schema schema, List<Problem> problems) {}

  /** Compiles the {@code schema} field of {@code config}, using its {@code draft} and formats. */
  static Result compile(Map<String, Object> config) {
    if (!(config.get(SCHEMA) instanceof String text) || text.isBlank()) {
      return failed(null, "'schema' is required: write the JSON Schema as YAML or JSON text, "
          + "such as schema: '{type: object, required: [id]}'");
    }
    Object parsed;
    try {
      parsed = new Load(LoadSettings.builder().setSchema(new JsonSchema())
          .setMaxAliasesForCollections(50).build()).loadFromString(text);
    } catch (YamlEngineException e) {
      return failed(text, "the schema is not valid YAML or JSON: " + yamlError(e));
    }
    if (!(parsed instanceof Map) && !(parsed instanceof Boolean)) {
      return failed(text, "the schema must be an object (or true or false), but it is "
          + kind(parsed) + "; write it as a mapping, such as {type: object, required: [id]}");
    }
    JsonNode node = JSON.valueToTree(parsed);
    JsonNode declared = node.path("$schema");
    Optional<SchemaDraft> named = declared.isTextual()
        ? SchemaDraft.ofMetaSchema(declared.asText())
        : Optional.of(SchemaDraft.ofWord(String.valueOf(config.get(DRAFT)))
            .orElse(SchemaDraft.DEFAULT));
    if (named.isEmpty()) {
      return failed(text, "$schema names " + declared.asText() + ", which is not a JSON Schema "
          + "version Sluice knows; leave $schema out and set draft to one of "
          + String.join(", ", SchemaDraft.words()));
    }
    SchemaDraft draft = named.get();
    SchemaRegistry registry = registry(draft, Boolean.TRUE.equals(config.get(CHECK_FORMATS)));
    List<Error> broken = registry.getSchema(SchemaLocation.of(draft.metaSchema())).validate(node);
    if (!broken.isEmpty()) {
      return new Result(null, metaSchemaProblems(text, draft, broken));
    }
    try {
      Schema schema = registry.getSchema(node);
      schema.initializeValidators();
      return new Result(schema, List.of());
    } catch (SchemaException | IllegalArgumentException e) {
      return failed(text, "the schema does not compile: " + compileError(e));
    }
  }

  /** One problem per place in the schema: alternatives of one keyword come together. */
  private static List<Problem> metaSchemaProblems(String text, SchemaDraft draft,
      List<Error> broken) {
    Map<String, List<String>> byPlace = new LinkedHashMap<>();
    for (Error e : broken) {
      byPlace.computeIfAbsent(e.getInstanceLocation().toString(), place -> new ArrayList<>())
          .add(e.getMessage());
    }
    List<Problem> problems = new ArrayList<>();
    byPlace.forEach((place, messages) -> problems.add(Problem.at(SCHEMA, shorten(text),
        "the schema is not valid JSON Schema " + draft.word() + " at " + place + ": "
            + String.join("; ", messages) + "; fix that keyword")));
    return problems;
  }

  private static String compileError(RuntimeException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof PatternSyntaxException bad) {
        return "the pattern '" + bad.getPattern() + "' is not a regular expression ("
            + bad.getDescription() + " at character " + (bad.getIndex() + 1) + "); fix the pattern";
      }
    }
    String message = String.valueOf(e.getMessage());
    return (message.endsWith(".") ? message.substring(0, message.length() - 1) : message)
        + "; a $ref must point into this schema, such as '#/$defs/line': other documents are "
        + "never loaded";
  }

  private static SchemaRegistry registry(SchemaDraft draft, boolean checkFormats) {
    SchemaRegistryConfig config = SchemaRegistryConfig.builder()
        .locale(Locale.ENGLISH)
        .pathType(PathType.JSON_PATH)
        .formatAssertionsEnabled(checkFormats)
        .build();
    return SchemaRegistry.withDefaultDialect(draft.version(), registry -> registry
        .schemaRegistryConfig(config)
        .schemaLoader(loader -> loader.allow(
            iri -> LOADABLE.stream().anyMatch(prefix -> iri.toString().startsWith(prefix)))));
  }

  private static Result failed(String text, String message) {
    return new Result(null, List.of(Problem.at(SCHEMA, shorten(text), message)));
  }

  private static String yamlError(YamlEngineException e) {
    if (e instanceof MarkedYamlEngineException marked && marked.getProblemMark().isPresent()) {
      var mark = marked.getProblemMark().get();
      return marked.getProblem() + " at line " + (mark.getLine() + 1) + ", column "
          + (mark.getColumn() + 1) + " of the schema";
    }
    return e.getMessage();
  }

  private static String kind(Object value) {
    return value == null ? "empty"
        : value instanceof String s ? "the string \"" + shorten(s) + "\""
        : value instanceof List ? "a list"
        : "the value " + value;
  }

  private static String shorten(String text) {
    if (text == null) {
      return null;
    }
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= MAX_SHOWN ? flat : flat.substring(0, MAX_SHOWN - 3) + "...";
  }
}
