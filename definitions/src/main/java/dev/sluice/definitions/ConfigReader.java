package dev.sluice.definitions;

import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;
import dev.sluice.api.expression.ExpressionException;
import dev.sluice.api.expression.ExpressionLanguage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Checks a component's configuration against its {@link ConfigSpec} and turns it into plain Java
 * values with defaults applied. Every mismatch becomes a problem at the offending value; an
 * expression that does not compile becomes a problem at the offending character. A string value
 * may be a secret reference ({@link SecretReferences}); a malformed one is a problem.
 */
final class ConfigReader {

  private final ProblemCollector problems;
  private final Scalars scalars;
  private final ExpressionLanguage expressions;
  private final Set<String> referencePaths = new HashSet<>();

  ConfigReader(ProblemCollector problems, ExpressionLanguage expressions) {
    this.problems = problems;
    this.scalars = new Scalars(problems);
    this.expressions = expressions;
  }

  /**
   * Reads the configuration at {@code at}: an object, a plain value (or a list, when that field is
   * a list) for the spec's shorthand field, or nothing at all (for components whose fields are all
   * optional).
   */
  Map<String, Object> read(Located at, ConfigSpec spec) {
    if (at.isNull()) {
      return object(null, spec);
    }
    if (at.isMapping()) {
      return object(at, spec);
    }
    ConfigField shorthand = spec.shorthand() == null ? null : spec.field(spec.shorthand()).orElseThrow();
    if (shorthand != null && (!at.isSequence() || shorthand.type() == ConfigType.LIST)) {
      ConfigField field = shorthand;
      Map<String, Object> config = object(null, spec, field.name());
      value(at, field).ifPresent(v -> config.put(field.name(), v));
      checkRequired(at, spec, config);
      return config;
    }
    problems.add(at, "expected an object" + shorthandHint(spec) + ", got " + at.describe() + fieldList(spec));
    return Map.of();
  }

  private Map<String, Object> object(Located at, ConfigSpec spec, String... skip) {
    Map<String, Object> config = new LinkedHashMap<>();
    if (at == null) {
      for (ConfigField field : spec.fields()) {
        if (field.defaultValue() != null && !List.of(skip).contains(field.name())) {
          config.put(field.name(), field.defaultValue());
        }
      }
      return config;
    }
    ObjectFields fields = new ObjectFields(at, problems);
    for (ConfigField field : spec.fields()) {
      Optional<Located> given = fields.take(field.name()).filter(v -> !v.isNull());
      if (given.isPresent()) {
        value(given.get(), field).ifPresent(v -> config.put(field.name(), v));
      } else if (field.required()) {
        problems.missing(at, field.name(), "'" + field.name() + "' is required: " + field.doc() + example(field));
      } else if (field.defaultValue() != null) {
        config.put(field.name(), field.defaultValue());
      }
    }
    fields.rejectUnknown(spec.fields().stream().map(ConfigField::name).toList());
    return config;
  }

  private void checkRequired(Located at, ConfigSpec spec, Map<String, Object> config) {
    for (ConfigField field : spec.fields()) {
      if (field.required() && !field.name().equals(spec.shorthand())) {
        problems.missing(at, field.name(), "'" + field.name() + "' is required, so write an object: "
            + field.doc() + example(field));
      }
    }
  }

  private Optional<?> value(Located at, ConfigField field) {
    return value(at, field, field.type());
  }

  private Optional<?> value(Located at, ConfigField field, ConfigType type) {
    return switch (type) {
      case STRING -> scalars.string(at).filter(text -> referenceWellFormed(at, text));
      case EXPRESSION -> scalars.string(at).filter(text -> compiles(at, text));
      case INTEGER -> scalars.integer(at, field.min(), field.max());
      case NUMBER -> scalars.number(at);
      case BOOLEAN -> scalars.bool(at);
      case DURATION -> scalars.duration(at).map(d -> at.scalarText());
      case ENUM -> scalars.choice(at, field.choices());
      case OBJECT -> objectValue(at, field.nested());
      case LIST -> list(at, field);
      case MAP -> map(at, field);
      case ANY -> Optional.ofNullable(plain(at));
    };
  }

  private Optional<?> objectValue(Located at, ConfigSpec nested) {
    if (!at.isMapping()) {
      return Optional.of(read(at, nested));
    }
    return Optional.of(object(at, nested));
  }

  private Optional<?> list(Located at, ConfigField field) {
    if (!at.isSequence()) {
      problems.add(at, "expected a list, got " + at.describe() + "; write [" + at.render() + "] for a list of one");
      return Optional.empty();
    }
    List<Object> items = new ArrayList<>();
    List<Node> nodes = ((SequenceNode) at.node()).getValue();
    for (int i = 0; i < nodes.size(); i++) {
      Located item = at.item(i, nodes.get(i));
      Optional<?> value =
          field.elementType() == ConfigType.OBJECT
              ? objectValue(item, field.nested())
              : value(item, field, field.elementType());
      value.ifPresent(items::add);
    }
    return Optional.of(items);
  }

  private Optional<?> map(Located at, ConfigField field) {
    if (!at.isMapping()) {
      problems.add(at, "expected an object of name: value pairs, got " + at.describe());
      return Optional.empty();
    }
    Map<String, Object> entries = new LinkedHashMap<>();
    ObjectFields fields = new ObjectFields(at, problems);
    for (String name : List.copyOf(fields.names())) {
      Located entry = fields.take(name).orElseThrow();
      Optional<?> value =
          field.elementType() == ConfigType.OBJECT
              ? objectValue(entry, field.nested())
              : value(entry, field, field.elementType());
      value.ifPresent(v -> entries.put(name, v));
    }
    return Optional.of(entries);
  }

  /** The value at {@code at} as plain Java values (maps, lists, strings, numbers, booleans), as YAML reads it. */
  private static Object plain(Located at) {
    return new StandardConstructor(LoadSettings.builder().build()).constructSingleDocument(Optional.of(at.node()));
  }

  /**
   * Whether the value at {@code path} is a secret reference, whose text a component's own checks
   * cannot judge: the worker hands the component the value.
   */
  boolean holdsReference(String path) {
    return referencePaths.contains(path);
  }

  /** Whether {@code text} is no secret reference or a well-formed one; if not, a problem says why. */
  private boolean referenceWellFormed(Located at, String text) {
    Optional<String> problem = SecretReferences.problem(text);
    problem.ifPresent(message -> problems.add(at, message));
    if (SecretReferences.name(text).isPresent()) {
      referencePaths.add(at.path());
    }
    return problem.isEmpty();
  }

  /** Whether {@code text} compiles; if not, a problem at the offending character says why. */
  private boolean compiles(Located at, String text) {
    try {
      expressions.compile(text);
      return true;
    } catch (ExpressionException e) {
      problems.addAt(at, e.position(), e.getMessage());
      return false;
    }
  }

  private static String shorthandHint(ConfigSpec spec) {
    return spec.shorthand() == null ? "" : " or a plain value for '" + spec.shorthand() + "'";
  }

  private static String fieldList(ConfigSpec spec) {
    return spec.fields().isEmpty()
        ? ""
        : "; fields: " + String.join(", ", spec.fields().stream().map(ConfigField::name).toList());
  }

  private static String example(ConfigField field) {
    return field.examples().isEmpty() ? "" : " (for example " + field.examples().get(0) + ")";
  }
}
