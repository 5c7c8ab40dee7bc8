package dev.sluice.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.component.ComponentKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSchemasTest {

  @Test
  void describesEveryFieldTypeWithItsConstraints() {
    var http = TestCatalog.create().find(ComponentKind.OUTPUT, "http").orElseThrow();

    Map<String, Object> schema = ConfigSchemas.of(http.spec());

    assertThat(schema).containsEntry("type", "object").containsEntry("required", List.of("url"))
        .containsEntry("additionalProperties", false);
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) schema.get("properties");
    assertThat(properties.get("url")).containsEntry("type", "string").containsEntry("description", "Where to send records.");
    assertThat(properties.get("gzip")).containsEntry("type", "boolean").containsEntry("default", false);
    assertThat(properties.get("batch")).containsEntry("type", "object");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> batch = (Map<String, Map<String, Object>>) properties.get("batch").get("properties");
    assertThat(batch.get("count")).containsEntry("minimum", 1L).containsEntry("maximum", 10_000L);
    assertThat(batch.get("period")).containsEntry("x-sluice-type", "duration").containsKey("pattern");
    assertThat(properties.get("headers")).containsEntry("type", "array");
    assertThat(properties.get("tags")).containsEntry("additionalProperties",
        Map.of("type", "string", "x-sluice-type", "string"));
  }

  @Test
  void aFieldOfAnyTypeTakesAnyJsonValue() {
    var plugin = TestCatalog.create().find(ComponentKind.PROCESSOR, "plugin").orElseThrow();

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> properties =
        (Map<String, Map<String, Object>>) ConfigSchemas.of(plugin.spec()).get("properties");
    assertThat(properties.get("config")).containsEntry("x-sluice-type", "any").doesNotContainKey("type");
  }

  @Test
  void marksTheShorthandField() {
    var filter = TestCatalog.create().find(ComponentKind.PROCESSOR, "filter").orElseThrow();

    assertThat(ConfigSchemas.of(filter.spec())).containsEntry("x-shorthand", "condition");
  }
}
