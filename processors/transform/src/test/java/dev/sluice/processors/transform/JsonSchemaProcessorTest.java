package dev.sluice.processors.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Problem;
import dev.sluice.api.component.Processor;
import dev.sluice.api.config.ConfigCheck;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.record.Record;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JsonSchemaProcessorTest {

  private static final String ORDER_SCHEMA = """
      type: object
      required: [id, total]
      properties:
        id: {type: string}
        total: {type: number, minimum: 0}
        lines:
          type: array
          items: {$ref: '#/$defs/line'}
      $defs:
        line:
          type: object
          required: [sku]
          properties: {sku: {type: string, pattern: '^[A-Z]{3}$'}}
      """;

  private static final ConfigCheck CHECK = new JsonSchemaProvider().descriptor().check();

  /** What validation hands a component: the config with the spec's defaults. */
  private static Map<String, Object> config(String schema, Object... more) {
    Map<String, Object> config = new HashMap<>(Map.of("schema", schema, "draft", "2020-12",
        "checkFormats", false));
    for (int i = 0; i < more.length; i += 2) {
      config.put((String) more[i], more[i + 1]);
    }
    return config;
  }

  private static Processor started(Map<String, Object> config) throws ComponentException {
    Processor processor = new JsonSchemaProvider().create();
    processor.start(new TestContext(config));
    return processor;
  }

  private static Record record(Object value) {
    return new Record("k", value, Map.of(), 1L);
  }

  @Test
  void passesAMatchingRecordOnAsItIs() throws Exception {
    Record order = record(Map.of("id", "o-1", "total", 12.5,
        "lines", List.of(Map.of("sku", "ABC"), Map.of("sku", "XYZ"))));

    assertThat(started(config(ORDER_SCHEMA)).process(order)).containsExactly(order);
  }

  @Test
  void aRecordThatDoesNotMatchGoesToTheErrorPolicyWithEveryViolation() throws Exception {
    Record bad = record(Map.of("total", -1, "lines", List.of(Map.of("sku", "abc"), Map.of())));

    assertThatThrownBy(() -> started(config(ORDER_SCHEMA)).process(bad))
        .isInstanceOf(PermanentException.class)
        .hasMessageStartingWith("the record does not match the JSON schema (4 violations): ")
        .hasMessageContaining("$: required property 'id' not found")
        .hasMessageContaining("$.total: must have a minimum value of 0")
        .hasMessageContaining("$.lines[0].sku: does not match the regex pattern ^[A-Z]{3}$")
        .hasMessageContaining("$.lines[1]: required property 'sku' not found");
  }

  @Test
  void acceptsJsonTextAndAnOlderDraft() throws Exception {
    Processor processor = started(config(
        "{\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integer\", "
            + "\"exclusiveMinimum\": true, \"minimum\": 0}}}", "draft", "draft-04"));

    assertThat(processor.process(record(Map.of("n", 1)))).hasSize(1);
    assertThatThrownBy(() -> processor.process(record(Map.of("n", 0))))
        .hasMessageStartingWith("the record does not match the JSON schema (1 violation): $.n: ");
  }

  @Test
  void theSchemasOwnDollarSchemaWinsOverDraft() throws Exception {
    String draft7 = "{$schema: 'http://json-schema.org/draft-07/schema#', "
        + "properties: {n: {exclusiveMinimum: 0}}}";

    Processor processor = started(config(draft7, "draft", "draft-04"));

    assertThatThrownBy(() -> processor.process(record(Map.of("n", 0))))
        .isInstanceOf(PermanentException.class);
  }

  @Test
  void formatsAreCheckedOnlyWhenAskedFor() throws Exception {
    String schema = "{properties: {email: {type: string, format: email}}}";
    Record record = record(Map.of("email", "not an address"));

    assertThat(started(config(schema)).process(record)).hasSize(1);
    assertThatThrownBy(() -> started(config(schema, "checkFormats", true)).process(record))
        .hasMessageContaining("$.email: ");
  }

  @Test
  void manyViolationsAreCountedBeyondTheFirstFifty() throws Exception {
    Processor processor = started(config("{type: array, items: {type: string}}"));
    List<Integer> numbers = IntStream.range(0, 80).boxed().toList();

    assertThatThrownBy(() -> processor.process(record(numbers)))
        .hasMessageStartingWith("the record does not match the JSON schema (80 violations): "
            + "$[0]: integer found, string expected")
        .hasMessageEndingWith("; and 30 more");
  }

  @Test
  void bytesAreNotJson() throws Exception {
    Processor processor = started(config("{type: object}"));

    assertThatThrownBy(() -> processor.process(record("{}".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(PermanentException.class)
        .hasMessage("json_schema checks JSON values, but this record's value is bytes; read the "
            + "input with format: json");
  }

  @Test
  void textThatIsNotYamlIsAConfigProblemAtSchema() {
    assertThat(CHECK.check(config("{type: object")))
        .singleElement()
        .satisfies(p -> {
          assertThat(p.path()).isEqualTo("schema");
          assertThat(p.value()).isEqualTo("{type: object");
          assertThat(p.message()).startsWith("the schema is not valid YAML or JSON: ")
              .contains("at line 1, column 14 of the schema");
        });
  }

  @Test
  void aRootThatIsNotASchemaIsAConfigProblem() {
    assertThat(CHECK.check(config("object"))).extracting(Problem::message).containsExactly(
        "the schema must be an object (or true or false), but it is the string \"object\"; "
            + "write it as a mapping, such as {type: object, required: [id]}");
  }

  @Test
  void aSchemaThatBreaksTheMetaSchemaIsAConfigProblemPerKeyword() {
    List<Problem> problems = CHECK.check(config(
        "{type: object, properties: {id: {type: strin}, name: {minLength: -1}}}"));

    assertThat(problems).extracting(Problem::path).containsExactly("schema", "schema");
    assertThat(problems).extracting(Problem::message).containsExactly(
        "the schema is not valid JSON Schema 2020-12 at $.properties.id.type: does not have a "
            + "value in the enumeration [\"array\", \"boolean\", \"integer\", \"null\", "
            + "\"number\", \"object\", \"string\"]; string found, array expected; fix that keyword",
        "the schema is not valid JSON Schema 2020-12 at $.properties.name.minLength: must have a "
            + "minimum value of 0; fix that keyword");
  }

  @Test
  void aReferenceToAnotherDocumentIsAConfigProblem() {
    assertThat(CHECK.check(config("{$ref: 'https://example.com/order.json'}")))
        .extracting(Problem::message).containsExactly("the schema does not compile: Schema from "
            + "'https://example.com/order.json' is not allowed to be loaded; a $ref must point "
            + "into this schema, such as '#/$defs/line': other documents are never loaded");
    assertThat(CHECK.check(config("{$ref: 'classpath:logback.xml'}"))).singleElement()
        .extracting(Problem::message).asString().contains("is not allowed to be loaded");
    assertThat(CHECK.check(config("{$ref: '#/$defs/nope'}"))).singleElement()
        .extracting(Problem::message).asString()
        .startsWith("the schema does not compile: Reference /$defs/nope cannot be resolved; ");
  }

  @Test
  void aPatternThatIsNotARegularExpressionIsAConfigProblem() {
    assertThat(CHECK.check(config("{properties: {code: {pattern: '(['}}}")))
        .extracting(Problem::message).containsExactly("the schema does not compile: the pattern "
            + "'([' is not a regular expression (Unclosed character class at character 2); fix "
            + "the pattern");
  }

  @Test
  void anUnknownDollarSchemaIsAConfigProblem() {
    assertThat(CHECK.check(config("{$schema: 'https://example.com/my-dialect'}")))
        .extracting(Problem::message).singleElement().asString()
        .startsWith("$schema names https://example.com/my-dialect, which is not a JSON Schema "
            + "version Sluice knows");
  }

  @Test
  void startRefusesASchemaThatDoesNotCompile() {
    assertThatThrownBy(() -> started(config("{type: strin}")))
        .isInstanceOfSatisfying(ConfigException.class,
            e -> assertThat(e.problems()).extracting(Problem::path).contains("schema"));
  }

  @Test
  void theSpecsExamplesCompile() {
    for (String example : JsonSchemaProvider.SPEC.field("schema").orElseThrow().examples()) {
      assertThat(CHECK.check(config(example))).as(example).isEmpty();
    }
  }
}
