package dev.sluice.definitions;

import dev.sluice.api.Problem;
import dev.sluice.api.expression.ExpressionLanguage;
import dev.sluice.expression.JsonataLanguage;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * Reads stream documents from YAML or JSON text and validates them.
 *
 * <p>A text may hold several documents separated by {@code ---}; each is read and validated on its
 * own. YAML is read with the JSON schema, so {@code yes}, {@code on} or {@code 012} stay strings,
 * and never with custom tags, so reading a document cannot instantiate classes. Every config
 * field of type {@code EXPRESSION} is compiled, so a syntax error is a problem at its character.
 * Thread-safe.
 */
public final class DefinitionReader {

  private static final int MAX_ALIASES = 50;

  private final ComponentCatalog catalog;
  private final ExpressionLanguage expressions;

  /** A reader that checks expressions in Sluice's expression language. */
  public DefinitionReader(ComponentCatalog catalog) {
    this(catalog, new JsonataLanguage());
  }

  /**
   * A reader that checks expressions with {@code expressions}.
   *
   * @param expressions the language expression fields are compiled with; thread-safe
   */
  public DefinitionReader(ComponentCatalog catalog, ExpressionLanguage expressions) {
    this.catalog = catalog;
    this.expressions = expressions;
  }

  /**
   * Reads every document in {@code text}. A syntax error ends the text: the documents before it
   * are returned, followed by one result that carries the syntax problem.
   *
   * @param sourceName the file name or other label of the text, used in syntax messages
   */
  public List<ReadResult> readAll(String sourceName, String text) {
    LoadSettings settings = LoadSettings.builder()
        .setLabel(sourceName)
        .setSchema(new JsonSchema())
        .setAllowDuplicateKeys(true) // reported as problems with positions by ObjectFields
        .setMaxAliasesForCollections(MAX_ALIASES)
        .build();
    List<ReadResult> results = new ArrayList<>();
    try {
      for (Node document : new Compose(settings).composeAllFromString(text)) {
        results.add(new StreamDocumentReader(catalog, expressions).read(document));
      }
    } catch (MarkedYamlEngineException e) {
      Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
      int line = mark == null ? 0 : mark.getLine() + 1;
      int column = mark == null ? 0 : mark.getColumn() + 1;
      String message = "not valid YAML: " + e.getProblem()
          + (e.getContext() == null ? "" : " (" + e.getContext() + ")");
      results.add(ReadResult.invalid(List.of(new Problem("", null, message, line, column)), line));
    } catch (YamlEngineException e) {
      results.add(ReadResult.invalid(List.of(Problem.at("", null, "not valid YAML: " + e.getMessage())), 0));
    }
    return results;
  }

  /**
   * Reads a text that must hold exactly one document, as a REST request body does.
   *
   * @param sourceName the file name or other label of the text
   */
  public ReadResult readOne(String sourceName, String text) {
    List<ReadResult> results = readAll(sourceName, text);
    if (results.size() == 1) {
      return results.get(0);
    }
    String message = results.isEmpty()
        ? "the text holds no document; write one Stream document"
        : "the text holds " + results.size() + " documents; send one at a time";
    return ReadResult.invalid(List.of(new Problem("", null, message, 1, 1)), 1);
  }
}
