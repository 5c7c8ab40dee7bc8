package dev.sluice.examples.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UppercaseFunctionTest {

  @Test
  void upperCasesTheConfiguredFieldOnly() {
    UppercaseFunction function = UppercaseFunction.fromConfig("{\"field\": \"city\"}");

    assertThat(apply(function, "{\"city\":\"oslo\",\"name\":\"ada\"}"))
        .isEqualTo("{\"city\":\"OSLO\",\"name\":\"ada\"}");
    assertThat(apply(function, "{\"name\":\"ada\"}")).isEqualTo("{\"name\":\"ada\"}");
  }

  @Test
  void refusesValuesItCannotUpperCase() {
    UppercaseFunction function = UppercaseFunction.fromConfig("{}");

    assertThatThrownBy(() -> apply(function, "{\"name\": 42}")).hasMessageContaining("'name' is 42, not text");
    assertThatThrownBy(() -> apply(function, "[1]")).hasMessageContaining("is not a JSON object");
    assertThatThrownBy(() -> apply(function, "{oops")).hasMessageContaining("value is not JSON");
  }

  @Test
  void refusesABadConfigNamingTheFieldAndTheFix() {
    assertThatThrownBy(() -> UppercaseFunction.fromConfig("{\"field\": 42}"))
        .hasMessageContaining("config.field: 42").hasMessageContaining("{\"field\": \"name\"}");
    assertThatThrownBy(() -> UppercaseFunction.fromConfig("{\"feild\": \"name\"}"))
        .hasMessageContaining("config.feild: unknown field");
  }

  private static String apply(UppercaseFunction function, String json) {
    return new String(function.apply(json.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }
}
