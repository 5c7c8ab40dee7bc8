package dev.sluice.processors.transform;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.Processor;
import dev.sluice.api.component.ProcessorProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Announces the {@code split} processor and creates its instances. */
public final class SplitProvider implements ProcessorProvider {

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("field", ConfigType.EXPRESSION)
          .doc("JSONata expression that gives the array to split, evaluated on each record's "
              + "value; leave it out when the value itself is the array. A path that may match once "
              + "ends with [] to keep an array of one, as in lines[qty > 1][].")
          .examples("items", "order.lines", "lines[qty > 1][]"))
      .field(ConfigField.builder("as", ConfigType.STRING)
          .doc("Puts each element under this field of a new object instead of making the element "
              + "the record's value; needed with keepParent.")
          .examples("item"))
      .field(ConfigField.builder("keepParent", ConfigType.BOOLEAN)
          .defaultValue(false)
          .doc("Keeps the fields of the record's value next to the element (under 'as'); when "
              + "'field' is a top-level field name, that array itself is left out."))
      .shorthand("field")
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("split", ComponentKind.PROCESSOR,
        "Turns a record holding an array into one record per element.", SPEC,
        SplitProvider::check);
  }

  @Override
  public Processor create() {
    return new SplitProcessor();
  }

  /** The rules the spec cannot say: {@code keepParent} needs {@code as}, which is not blank. */
  static List<Problem> check(Map<String, Object> config) {
    List<Problem> problems = new ArrayList<>();
    Object as = config.get("as");
    if (as instanceof String name && name.isBlank()) {
      problems.add(Problem.at("as", name, "'as' is blank; name the field each element goes "
          + "under, such as as: item"));
    }
    if (Boolean.TRUE.equals(config.get("keepParent")) && as == null) {
      problems.add(Problem.at("keepParent", "true", "keepParent needs 'as', the field each "
          + "element goes under next to the parent's fields; add one, such as as: item"));
    }
    return problems;
  }
}
