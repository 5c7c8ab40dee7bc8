package dev.sluice.processors.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.api.Problem;
import dev.sluice.api.component.Processor;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.record.Record;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitProcessorTest {

  private static final Map<String, byte[]> HEADERS =
      Map.of("trace", "t-1".getBytes(StandardCharsets.UTF_8));

  private static final Map<String, Object> ORDER = Map.of(
      "id", "o-1",
      "customer", "c-9",
      "items", List.of(Map.of("sku", "a", "qty", 1), Map.of("sku", "b", "qty", 2)));

  private static Processor started(Map<String, Object> config) throws ComponentException {
    Processor split = new SplitProvider().create();
    split.start(new TestContext(withDefaults(config)));
    return split;
  }

  /** What validation hands a component: the config with the spec's defaults. */
  private static Map<String, Object> withDefaults(Map<String, Object> config) {
    Map<String, Object> full = new HashMap<>(config);
    full.putIfAbsent("keepParent", false);
    return full;
  }

  private static Record record(Object value) {
    return new Record("k-1", value, HEADERS, 1_700_000_000_000L);
  }

  @Test
  void splitsTheValueItselfKeepingKeyHeadersTimestampAndOrder() throws Exception {
    List<Record> split = started(Map.of()).process(record(List.of(3, 1, 2)));

    assertThat(split).extracting(Record::value).containsExactly(3, 1, 2);
    assertThat(split).allSatisfy(r -> {
      assertThat(r.key()).isEqualTo("k-1");
      assertThat(r.headers()).containsOnlyKeys("trace");
      assertThat(r.timestamp()).isEqualTo(1_700_000_000_000L);
    });
  }

  @Test
  void splitsTheArrayAnExpressionGives() throws Exception {
    assertThat(started(Map.of("field", "items")).process(record(ORDER)))
        .extracting(Record::value)
        .containsExactly(Map.of("sku", "a", "qty", 1), Map.of("sku", "b", "qty", 2));
    assertThat(started(Map.of("field", "items.sku")).process(record(ORDER)))
        .extracting(Record::value)
        .containsExactly("a", "b");
  }

  @Test
  void aPathThatMatchesOnceNeedsBracketsToStayAnArray() throws Exception {
    assertThat(started(Map.of("field", "items[qty > 1].sku[]")).process(record(ORDER)))
        .extracting(Record::value)
        .containsExactly("b");
    assertThatThrownBy(() -> started(Map.of("field", "items[qty > 1].sku")).process(record(ORDER)))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("but it is a string (\"b\")")
        .hasMessageEndingWith("end it with [] to always get an array, as in lines[qty > 1][])");
  }

  @Test
  void anArrayOfOneIsStillAnArray() throws Exception {
    Map<String, Object> single = Map.of("items", List.of(Map.of("sku", "a")));

    assertThat(started(Map.of("field", "items")).process(record(single)))
        .extracting(Record::value).containsExactly(Map.of("sku", "a"));
  }

  @Test
  void nestsEachElementUnderAs() throws Exception {
    assertThat(started(Map.of("field", "items", "as", "item")).process(record(ORDER)))
        .extracting(Record::value)
        .containsExactly(Map.of("item", Map.of("sku", "a", "qty", 1)),
            Map.of("item", Map.of("sku", "b", "qty", 2)));
  }

  @Test
  void keepsTheParentsFieldsButNotTheArrayItself() throws Exception {
    Processor split = started(Map.of("field", "items", "as", "item", "keepParent", true));

    assertThat(split.process(record(ORDER))).extracting(Record::value).containsExactly(
        Map.of("id", "o-1", "customer", "c-9", "item", Map.of("sku", "a", "qty", 1)),
        Map.of("id", "o-1", "customer", "c-9", "item", Map.of("sku", "b", "qty", 2)));
  }

  @Test
  void keepsTheWholeParentWhenFieldIsAnExpression() throws Exception {
    Processor split = started(Map.of("field", "items.sku", "as", "sku", "keepParent", true));

    assertThat(split.process(record(ORDER))).extracting(Record::value)
        .allSatisfy(v -> assertThat(new HashSet<Object>(((Map<?, ?>) v).keySet()))
            .containsExactlyInAnyOrder("id", "customer", "items", "sku"));
  }

  @Test
  void anEmptyArrayGivesNoRecords() throws Exception {
    assertThat(started(Map.of("field", "items")).process(record(Map.of("items", List.of()))))
        .isEmpty();
  }

  @Test
  void aValueThatIsNotAnArrayGoesToTheErrorPolicy() throws Exception {
    assertThatThrownBy(() -> started(Map.of()).process(record(ORDER)))
        .isInstanceOf(PermanentException.class)
        .hasMessageStartingWith("split needs the record's value to be an array, but it is an "
            + "object (")
        .hasMessageEndingWith("name the array with 'field', such as field: items");
    assertThatThrownBy(() -> started(Map.of("field", "customer")).process(record(ORDER)))
        .isInstanceOf(PermanentException.class)
        .hasMessageStartingWith("split needs an array at customer, but it is a string "
            + "(\"c-9\"); point 'field' at the array");
  }

  @Test
  void aMissingArrayGoesToTheErrorPolicy() throws Exception {
    assertThatThrownBy(() -> started(Map.of("field", "lines")).process(record(ORDER)))
        .isInstanceOf(PermanentException.class)
        .hasMessage("split found nothing at lines (the field is missing or null); filter such "
            + "records out first, as in $exists(lines)");
  }

  @Test
  void anExpressionThatFailsOnARecordGoesToTheErrorPolicy() throws Exception {
    assertThatThrownBy(() -> started(Map.of("field", "$split(customer, 1)")).process(record(ORDER)))
        .isInstanceOf(PermanentException.class)
        .hasMessageStartingWith("split field failed for this record: ");
  }

  @Test
  void keepParentNeedsAnObject() throws Exception {
    Processor split = started(Map.of("as", "n", "keepParent", true));

    assertThatThrownBy(() -> split.process(record(List.of(1))))
        .isInstanceOf(PermanentException.class)
        .hasMessageStartingWith("split with keepParent needs the record's value to be an object");
  }

  @Test
  void keepParentWithoutAsAndABadExpressionAreConfigProblems() {
    Map<String, Object> config = Map.of("field", "items[", "keepParent", true);

    assertThat(SplitProvider.check(withDefaults(config))).extracting(Problem::path)
        .containsExactly("keepParent");
    assertThatThrownBy(() -> started(config))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .extracting(Problem::path, Problem::value)
            .containsExactly(tuple("keepParent", "true"), tuple("field", "items[")))
        .hasMessageContaining("keepParent needs 'as'");
  }

  @Test
  void theDescriptorRunsTheCheck() {
    assertThat(new SplitProvider().descriptor().check().check(withDefaults(Map.of("as", " "))))
        .extracting(Problem::path).containsExactly("as");
  }

  @Test
  void theSpecsExamplesWork() throws Exception {
    Record order = record(Map.of("items", List.of(1, 2), "order", Map.of("lines", List.of(3, 4)),
        "lines", List.of(Map.of("qty", 2), Map.of("qty", 3))));
    for (String example : SplitProvider.SPEC.field("field").orElseThrow().examples()) {
      assertThat(started(Map.of("field", example)).process(order)).hasSize(2);
    }
  }
}
