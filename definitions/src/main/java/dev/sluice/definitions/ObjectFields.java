package dev.sluice.definitions;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The fields of one YAML object, taken one by one; whatever is left untaken at the end is
 * reported as unknown. Duplicate and non-string keys are reported as they are met.
 */
final class ObjectFields {

  private final Located object;
  private final ProblemCollector problems;
  private final Map<String, Located> values = new LinkedHashMap<>();
  private final Map<String, Located> keys = new LinkedHashMap<>();
  private final Set<String> taken = new HashSet<>();

  ObjectFields(Located object, ProblemCollector problems) {
    this.object = object;
    this.problems = problems;
    for (NodeTuple tuple : ((MappingNode) object.node()).getValue()) {
      Located key = new Located(object.path(), tuple.getKeyNode());
      if (!(tuple.getKeyNode() instanceof ScalarNode s) || !s.getTag().equals(Tag.STR)) {
        problems.add(key, "field names must be strings, got " + key.describe());
        continue;
      }
      Located value = object.child(s.getValue(), tuple.getValueNode());
      if (values.putIfAbsent(s.getValue(), value) != null) {
        problems.add(value, "'" + s.getValue() + "' is given twice; keep one");
        continue;
      }
      keys.put(s.getValue(), object.child(s.getValue(), tuple.getKeyNode()));
    }
  }

  Located object() {
    return object;
  }

  /** The field's value, marking it as known. */
  Optional<Located> take(String name) {
    taken.add(name);
    return Optional.ofNullable(values.get(name));
  }

  /** The field's value, or a problem that says it is missing and what to write. */
  Optional<Located> require(String name, String whatToWrite) {
    Optional<Located> value = take(name);
    if (value.isEmpty() || value.get().isNull()) {
      problems.missing(object, name, "'" + name + "' is required: " + whatToWrite);
      return Optional.empty();
    }
    return value;
  }

  /** Names of fields present in the object, in document order. */
  Collection<String> names() {
    return values.keySet();
  }

  /** Reports every field not taken, suggesting the closest of {@code allowed}. */
  void rejectUnknown(Collection<String> allowed) {
    keys.forEach(
        (name, key) -> {
          if (!taken.contains(name)) {
            problems.add(key, "unknown field '" + name + "'; " + Suggestions.hint(name, allowed));
          }
        });
  }
}
