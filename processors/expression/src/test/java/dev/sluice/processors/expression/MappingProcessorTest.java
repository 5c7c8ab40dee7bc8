package dev.sluice.processors.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.api.Problem;
import dev.sluice.api.component.Processor;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.expression.ExpressionException;
import dev.sluice.api.record.Record;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingProcessorTest {

  private static final Record ORDER = new Record("k-1",
      Map.of("user", "u-1", "price", 2.5, "quantity", 4, "note", "gift"),
      Map.of("trace", "t-1".getBytes(StandardCharsets.UTF_8)), 1_700_000_000_000L);

  private static Processor started(String expression) throws ComponentException {
    Processor mapping = new MappingProvider().create();
    mapping.start(new TestContext(Map.of("expression", expression)));
    return mapping;
  }

  @Test
  void replacesTheValueAndKeepsKeyHeadersAndTimestamp() throws Exception {
    Processor mapping = started("{\"user\": user, \"total\": price * quantity}");

    Record mapped = mapping.process(ORDER).get(0);

    assertThat(mapped.value()).isEqualTo(Map.of("user", "u-1", "total", 10));
    assertThat(mapped.key()).isEqualTo("k-1");
    assertThat(mapped.headers()).containsOnlyKeys("trace");
    assertThat(mapped.timestamp()).isEqualTo(1_700_000_000_000L);
  }

  @Test
  void mergesNewFieldsIntoTheRecord() throws Exception {
    Processor mapping = started("$merge([$, {\"total\": price * quantity}])");

    assertThat(mapping.process(ORDER)).singleElement().extracting(Record::value).isEqualTo(Map.of(
        "user", "u-1", "price", 2.5, "quantity", 4, "note", "gift", "total", 10));
  }

  @Test
  void aRecordForWhichTheExpressionGivesNothingGoesToTheErrorPolicy() throws Exception {
    Processor mapping = started("discount");

    assertThatThrownBy(() -> mapping.process(ORDER))
        .isInstanceOf(PermanentException.class)
        .hasMessageStartingWith("mapping produced no value for this record")
        .hasMessageContaining("give them a default");
  }

  @Test
  void aRecordTheExpressionFailsOnGoesToTheErrorPolicy() throws Exception {
    Processor mapping = started("note * 2");

    assertThatThrownBy(() -> mapping.process(ORDER))
        .isInstanceOf(PermanentException.class)
        .hasMessageStartingWith("mapping failed for this record: evaluation failed")
        .hasMessageContaining("must evaluate to a number")
        .hasCauseInstanceOf(ExpressionException.class);
  }

  @Test
  void anExpressionThatDoesNotCompileIsAConfigProblemAtTheField() {
    Processor mapping = new MappingProvider().create();

    assertThatThrownBy(() -> mapping.start(new TestContext(Map.of("expression", "{\"a\": }"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .extracting(Problem::path, Problem::value)
            .containsExactly(tuple("expression", "{\"a\": }")))
        .hasMessageContaining("syntax error at character 7 of the expression");
  }

  @Test
  void theSpecsExamplesCompile() throws Exception {
    for (String example : MappingProvider.SPEC.field("expression").orElseThrow().examples()) {
      assertThat(started(example).process(ORDER)).hasSize(1);
    }
  }
}
