package dev.sluice.processors.stateful;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.ComponentProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Announces the {@code switch} processor: each record takes the processors of the first case whose
 * {@code check} is true. The worker's engine runs it (data-plane's {@code SwitchStage}), since its
 * cases hold other processors; the definitions reader reads those as it reads {@code
 * pipeline.processors}.
 */
public final class SwitchProvider implements ComponentProvider {

  public static final String NAME = "switch";

  static final ConfigSpec CASE = ConfigSpec.builder()
      .field(ConfigField.builder("check", ConfigType.EXPRESSION)
          .doc("JSONata condition on the record's value: true takes the record into this case; false "
              + "or nothing passes it on to the next case. Leave it out on the last case to take every "
              + "record no other case took.")
          .examples("type = 'refund'", "amount > 1000 and currency = 'EUR'"))
      .field(ConfigField.builder("processors", ConfigType.ANY)
          .required()
          .doc("The processors this case runs, in order, written as in pipeline.processors: mapping, "
              + "filter, split, json_schema, http, another switch... (window, dedupe, join and plugin "
              + "run between topics or on state, so they go after the switch). [] passes records "
              + "through unchanged.")
          .examples("[{mapping: '$merge([$, {\"refund\": true}])'}]", "[]"))
      .build();

  public static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("cases", ConfigType.LIST)
          .elements(ConfigType.OBJECT)
          .nested(CASE)
          .required()
          .doc("The cases, tried in order for each record; a record no case takes goes on unchanged. "
              + "Written directly as the switch's list: switch: [{check: ..., processors: [...]}, ...]."))
      .shorthand("cases")
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor(NAME, ComponentKind.PROCESSOR,
        "Routes each record to the processors of the first case whose condition holds.", SPEC,
        SwitchProvider::check);
  }

  @SuppressWarnings("unchecked")
  static List<Problem> check(Map<String, Object> config) {
    List<Problem> problems = new ArrayList<>();
    List<Map<String, Object>> cases = (List<Map<String, Object>>) config.getOrDefault("cases", List.of());
    if (cases.isEmpty()) {
      problems.add(Problem.at("cases", "[]", "a switch needs at least one case, such as "
          + "[{check: \"type = 'refund'\", processors: [...]}]"));
    }
    for (int i = 0; i < cases.size() - 1; i++) {
      if (cases.get(i).get("check") == null) {
        problems.add(Problem.at("cases[" + i + "].check", "(none)", "only the last case may leave out check, "
            + "as it takes every record; give this case a check or move it last"));
      }
    }
    return problems;
  }
}
