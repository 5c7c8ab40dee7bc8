package dev.sluice.definitions;

import dev.sluice.processors.stateful.SwitchProvider;
import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;
import java.util.List;
import java.util.Map;

/** Components with every kind of config field, for reading tests. */
final class TestCatalog {

  private TestCatalog() {}

  static final ConfigSpec BATCH = ConfigSpec.builder()
      .field(ConfigField.builder("count", ConfigType.INTEGER).range(1, 10_000).defaultValue(100L))
      .field(ConfigField.builder("period", ConfigType.DURATION).defaultValue("1s"))
      .build();

  static final ConfigSpec HEADER = ConfigSpec.builder()
      .field(ConfigField.builder("name", ConfigType.STRING).required().doc("Header name."))
      .field(ConfigField.builder("value", ConfigType.STRING).required().doc("Header value."))
      .build();

  /** The http output's own rule: no internal destinations. */
  private static List<Problem> refuseLocalUrls(Map<String, Object> config) {
    String url = (String) config.get("url");
    return url.contains("internal")
        ? List.of(Problem.at("url", url, "internal hosts are refused; use a public host"))
        : List.of();
  }

  static ComponentCatalog create() {
    return ComponentCatalog.of(List.of(
        new ComponentDescriptor("generate", ComponentKind.INPUT, "test input", ConfigSpec.builder()
            .field(ConfigField.builder("template", ConfigType.EXPRESSION).required().doc("Record template."))
            .field(ConfigField.builder("count", ConfigType.INTEGER).min(1))
            .shorthand("template")
            .build()),
        new ComponentDescriptor("kafka", ComponentKind.INPUT, "test input", ConfigSpec.builder()
            .field(ConfigField.builder("topics", ConfigType.LIST).elements(ConfigType.STRING).required()
                .doc("Topics to read.").examples("[orders]"))
            .field(ConfigField.builder("format", ConfigType.ENUM).choices("json", "string").defaultValue("json"))
            .field(ConfigField.builder("bootstrap", ConfigType.STRING))
            .build()),
        new ComponentDescriptor("kafka", ComponentKind.OUTPUT, "test output", ConfigSpec.builder()
            .field(ConfigField.builder("topic", ConfigType.STRING).required().doc("Topic to write."))
            .field(ConfigField.builder("acks", ConfigType.ENUM).choices("all", "1", "0"))
            .build()),
        new ComponentDescriptor("http", ComponentKind.OUTPUT, "test output", ConfigSpec.builder()
            .field(ConfigField.builder("url", ConfigType.STRING).required().doc("Where to send records."))
            .field(ConfigField.builder("batch", ConfigType.OBJECT).nested(BATCH))
            .field(ConfigField.builder("headers", ConfigType.LIST).elements(ConfigType.OBJECT).nested(HEADER))
            .field(ConfigField.builder("tags", ConfigType.MAP).elements(ConfigType.STRING))
            .field(ConfigField.builder("ratio", ConfigType.NUMBER))
            .field(ConfigField.builder("gzip", ConfigType.BOOLEAN).defaultValue(false))
            .build(),
            TestCatalog::refuseLocalUrls),
        new ComponentDescriptor("drop", ComponentKind.OUTPUT, "test output", ConfigSpec.EMPTY),
        new ComponentDescriptor("filter", ComponentKind.PROCESSOR, "test processor", ConfigSpec.builder()
            .field(ConfigField.builder("condition", ConfigType.EXPRESSION).required().doc("Condition."))
            .shorthand("condition")
            .build()),
        new ComponentDescriptor("mapping", ComponentKind.PROCESSOR, "test processor", ConfigSpec.builder()
            .field(ConfigField.builder("expression", ConfigType.EXPRESSION).required().doc("Mapping."))
            .shorthand("expression")
            .build()),
        new SwitchProvider().descriptor(),
        new ComponentDescriptor("plugin", ComponentKind.PROCESSOR, "test processor", ConfigSpec.builder()
            .field(ConfigField.builder("name", ConfigType.STRING).required().doc("Plugin."))
            .field(ConfigField.builder("config", ConfigType.ANY).doc("The plugin's own config."))
            .build())));
  }
}
