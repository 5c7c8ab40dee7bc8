package dev.sluice.processors.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.component.Processor;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.record.Record;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterProcessorTest {

  private static Processor started(String condition) throws ComponentException {
    Processor filter = new FilterProvider().create();
    filter.start(new TestContext(Map.of("condition", condition)));
    return filter;
  }

  private static Record record(Map<String, Object> value) {
    return Record.of(value, 1L);
  }

  @Test
  void keepsTrueAndDropsFalse() throws Exception {
    Processor filter = started("type != 'view' and amount > 100");
    Record buy = record(Map.of("type", "buy", "amount", 150));
    Record view = record(Map.of("type", "view", "amount", 150));
    Record small = record(Map.of("type", "buy", "amount", 50));

    assertThat(filter.process(buy)).containsExactly(buy);
    assertThat(filter.process(view)).isEmpty();
    assertThat(filter.process(small)).isEmpty();
  }

  @Test
  void dropsRecordsWhereTheConditionGivesNothing() throws Exception {
    Processor filter = started("vip");

    assertThat(filter.process(record(Map.of("amount", 1)))).isEmpty();
    assertThat(filter.process(record(Map.of("vip", true)))).hasSize(1);
  }

  @Test
  void aResultThatIsNotABooleanIsAnErrorThatSaysHowToFixIt() throws Exception {
    Processor filter = started("amount");

    assertThatThrownBy(() -> filter.process(record(Map.of("amount", 42))))
        .isInstanceOf(PermanentException.class)
        .hasMessage("filter condition gave a number (42) instead of true or false; compare it, "
            + "e.g. amount > 0, or test that it is there with $exists(amount)");
    assertThatThrownBy(() -> started("name").process(record(Map.of("name", "Ada"))))
        .hasMessageStartingWith("filter condition gave a string (\"Ada\")");
    assertThatThrownBy(() -> started("$").process(record(Map.of("name", "Ada"))))
        .hasMessageStartingWith("filter condition gave an object ({name=Ada})");
  }

  @Test
  void aConditionThatFailsOnARecordGoesToTheErrorPolicy() throws Exception {
    Processor filter = started("amount + 1 > 2");

    assertThatThrownBy(() -> filter.process(record(Map.of("amount", "many"))))
        .isInstanceOf(PermanentException.class)
        .hasMessageStartingWith("filter condition failed for this record: evaluation failed");
  }

  @Test
  void aConditionThatDoesNotCompileIsAConfigProblem() {
    assertThatThrownBy(() -> started("type == 'view'"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("condition: syntax error at character 7 of the expression: The symbol \"=\" "
            + "cannot be used as a unary operator; JSONata compares with a single =, as in "
            + "type = 'view'");
  }

  @Test
  void theSpecsExamplesCompile() throws Exception {
    Record order = record(Map.of("type", "buy", "total", 150, "country", "DE"));
    for (String example : FilterProvider.SPEC.field("condition").orElseThrow().examples()) {
      assertThat(started(example).process(order)).hasSize(1);
    }
  }
}
