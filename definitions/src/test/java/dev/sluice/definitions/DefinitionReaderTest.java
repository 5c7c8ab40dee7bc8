package dev.sluice.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.api.Problem;
import dev.sluice.api.definition.ComponentConfig;
import dev.sluice.api.definition.DesiredState;
import dev.sluice.api.definition.ErrorPolicy;
import dev.sluice.api.definition.Guarantee;
import dev.sluice.api.definition.StreamDefinition;
import dev.sluice.api.expression.ExpressionException;
import dev.sluice.api.expression.ExpressionLanguage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefinitionReaderTest {

  private final DefinitionReader reader = new DefinitionReader(TestCatalog.create());

  private ReadResult read(String yaml) {
    return reader.readOne("test.yaml", yaml);
  }

  @Test
  void readsACompleteDocumentWithDefaultsAndShorthands() {
    ReadResult result = read("""
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata:
          name: page-events
          labels: {team: web}
        spec:
          parallelism: 2
          input:
            kafka: {topics: [events]}
          pipeline:
            processors:
              - filter: "type != 'view'"
              - mapping: '{"user": user}'
          output:
            http:
              url: http://127.0.0.1:9000/ingest
              batch: {count: 50}
              headers: [{name: X-Team, value: web}]
              tags: {env: dev}
              ratio: 0.5
          errors: {policy: dead-letter, retry: {max: 5, backoff: 2s}}
        """);

    assertThat(result.problems()).isEmpty();
    StreamDefinition d = result.definition();
    assertThat(d.id()).isEqualTo("default/page-events");
    assertThat(d.metadata().labels()).isEqualTo(Map.of("team", "web"));
    assertThat(d.spec().state()).isEqualTo(DesiredState.ACTIVE);
    assertThat(d.spec().guarantee()).isEqualTo(Guarantee.AT_LEAST_ONCE);
    assertThat(d.spec().parallelism()).isEqualTo(2);
    assertThat(d.spec().input().config()).isEqualTo(Map.of("topics", List.of("events"), "format", "json"));
    assertThat(d.spec().processors()).extracting(c -> c.type(), c -> c.config()).containsExactly(
        tuple("filter", Map.of("condition", "type != 'view'")),
        tuple("mapping", Map.of("expression", "{\"user\": user}")));
    assertThat(d.spec().output().config()).isEqualTo(Map.of(
        "url", "http://127.0.0.1:9000/ingest",
        "batch", Map.of("count", 50L, "period", "1s"),
        "headers", List.of(Map.of("name", "X-Team", "value", "web")),
        "tags", Map.of("env", "dev"),
        "ratio", 0.5,
        "gzip", false));
    assertThat(d.spec().errors().policy()).isEqualTo(ErrorPolicy.Action.DEAD_LETTER);
    assertThat(d.spec().errors().retry().max()).isEqualTo(5);
    assertThat(d.spec().errors().retry().backoff()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void reportsEveryMistakeAtOnceWithPositions() {
    ReadResult result = read("""
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata:
          name: Page_Events
        spec:
          parallelism: two
          input:
            kafka: {topics: [events], fromat: json}
          output:
            kafka: {}
        """);

    assertThat(result.isValid()).isFalse();
    assertThat(result.problems())
        .extracting(Problem::path, Problem::value, Problem::line, Problem::column)
        .containsExactly(
            tuple("metadata.name", "Page_Events", 4, 9),
            tuple("spec.parallelism", "two", 6, 16),
            tuple("spec.input.kafka.fromat", "fromat", 8, 31),
            tuple("spec.output.kafka.topic", null, 10, 12));
    assertThat(result.problems().get(0).message()).contains("not a valid name", "page-events");
    assertThat(result.problems().get(1).message()).contains("expected an integer from 1 to 1024");
    assertThat(result.problems().get(2).message()).contains("unknown field 'fromat'", "did you mean 'format'?");
    assertThat(result.problems().get(3).message()).contains("'topic' is required", "Topic to write.");
  }

  @Test
  void unknownComponentsAndFieldsSuggestTheClosestName() {
    ReadResult result = read("""
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: s}
        spec:
          input: {kafak: {topics: [a]}}
          pipeline:
            processors:
              - filtr: "x > 1"
          output: {drop: {}}
          paralelism: 3
        """);

    assertThat(result.problems()).extracting(Problem::path, Problem::message).containsExactly(
        tuple("spec.input.kafak", "unknown input 'kafak'; did you mean 'kafka'? use one of: generate, kafka"),
        tuple("spec.pipeline.processors[0].filtr",
            "unknown processor 'filtr'; did you mean 'filter'? use one of: filter, mapping, plugin, switch"),
        tuple("spec.paralelism", "unknown field 'paralelism'; did you mean 'parallelism'? use one of: "
            + "state, parallelism, guarantee, input, pipeline, output, errors"));
  }

  @Test
  void checksNestedConfigValuesAgainstTheSpec() {
    ReadResult result = read("""
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: s}
        spec:
          input: {generate: {template: "{}", count: 0}}
          output:
            http:
              url: 42
              batch: {count: 50000, period: 10}
              headers: [{name: X-A}]
              tags: {env: [dev]}
              gzip: "yes"
        """);

    assertThat(result.problems()).extracting(Problem::path, Problem::message).containsExactly(
        tuple("spec.input.generate.count", "0 is out of range; use an integer of at least 1"),
        tuple("spec.output.http.url", "expected a string, got the number 42; put it in quotes to make it text"),
        tuple("spec.output.http.batch.count", "50000 is out of range; use an integer from 1 to 10000"),
        tuple("spec.output.http.batch.period",
            "expected a duration such as 500ms, 5s, 1m or 1h, got the number 10; add a unit, as in 10s"),
        tuple("spec.output.http.headers[0].value", "'value' is required: Header value."),
        tuple("spec.output.http.tags.env", "expected a string, got a list"),
        tuple("spec.output.http.gzip", "expected true or false, got the string \"yes\""));
  }

  @Test
  void aComponentsOwnCheckRunsOnceTheSpecIsMetAndPointsAtTheField() {
    String doc = """
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: s}
        spec:
          input: {generate: "{}"}
          output:
            http:
              url: http://db.internal/x
              gzip: %s
        """;

    assertThat(read(doc.formatted("true")).problems())
        .extracting(Problem::path, Problem::value, Problem::message, Problem::line, Problem::column)
        .containsExactly(tuple("spec.output.http.url", "http://db.internal/x",
            "internal hosts are refused; use a public host", 8, 12));
    assertThat(read(doc.formatted("maybe")).problems())
        .extracting(Problem::path).containsExactly("spec.output.http.gzip");
  }

  @Test
  void expressionSyntaxErrorsPointAtTheOffendingCharacter() {
    ReadResult result = read("""
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: s}
        spec:
          input: {generate: {template: '{"id": $seq,, }', count: 3}}
          pipeline:
            processors:
              - filter: total >> 100
              - filter: "type == 'view'"
              - mapping:
                  expression: >-
                    {"user": user,
                     "total": price *}
              - mapping: "{\\"a\\": 1,, }"
              - filter: ""
          output: {drop: {}}
        """);

    assertThat(result.problems())
        .extracting(Problem::path, Problem::line, Problem::column)
        .containsExactly(
            tuple("spec.input.generate.template", 5, 45),
            tuple("spec.pipeline.processors[0].filter", 8, 24),
            tuple("spec.pipeline.processors[1].filter", 9, 24),
            tuple("spec.pipeline.processors[2].mapping.expression", 11, 23),
            tuple("spec.pipeline.processors[3].mapping", 14, 18),
            tuple("spec.pipeline.processors[4].filter", 15, 18));
    assertThat(result.problems()).extracting(Problem::message).containsExactly(
        "syntax error at character 13 of the expression: The symbol \",\" cannot be used as a "
            + "unary operator; remove the extra comma or add the missing value",
        "syntax error at character 8 of the expression: The symbol \">\" cannot be used as a "
            + "unary operator; a value is missing before it",
        "syntax error at character 7 of the expression: The symbol \"=\" cannot be used as a "
            + "unary operator; JSONata compares with a single =, as in type = 'view'",
        "syntax error at character 33 of the expression: The symbol \"}\" cannot be used as a "
            + "unary operator; a value is missing before it",
        "syntax error at character 9 of the expression: The symbol \",\" cannot be used as a "
            + "unary operator; remove the extra comma or add the missing value",
        "the expression is empty; write one, such as amount > 100");
    assertThat(result.problems().get(1).value()).isEqualTo("total >> 100");
  }

  @Test
  void expressionsAreCheckedWithTheLanguageGiven() {
    ExpressionLanguage refusing = source -> {
      throw new ExpressionException("no expressions today", 2, null);
    };
    ReadResult result = new DefinitionReader(TestCatalog.create(), refusing).readOne("t.yaml", """
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: s}
        spec: {input: {generate: "{}"}, output: {drop: {}}}
        """);

    assertThat(result.problems()).extracting(Problem::path, Problem::message, Problem::column)
        .containsExactly(tuple("spec.input.generate", "no expressions today", 29));
  }

  @Test
  void refusesMissingPartsBadHeadersAndStatus() {
    ReadResult result = read("""
        apiVersion: sluice.dev/v2
        kind: Pipeline
        metadata: {namespace: Team}
        spec: {}
        status: {phase: running}
        """);

    assertThat(result.problems()).extracting(Problem::path).containsExactly(
        "apiVersion", "kind", "metadata.name", "metadata.namespace", "spec.input", "spec.output", "status");
    assertThat(result.problems().get(0).message()).isEqualTo(
        "apiVersion 'sluice.dev/v2' is not supported; use sluice.dev/v1");
  }

  @Test
  void exactlyOnceNeedsKafkaAtBothEnds() {
    ReadResult result = read("""
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: s}
        spec:
          guarantee: exactly-once
          input: {generate: "{}"}
          output: {kafka: {topic: out}}
        """);

    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("spec.guarantee");
      assertThat(p.message()).startsWith("exactly-once needs a kafka input and a kafka output");
    });
    ReadResult external = read("""
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: s}
        spec:
          guarantee: exactly-once
          input: {kafka: {topics: [in], bootstrap: "other:9092"}}
          output: {kafka: {topic: out}}
        """);
    assertThat(external.problems()).extracting(Problem::path).containsExactly("spec.guarantee");
    ReadResult leaderOnly = read("""
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: s}
        spec:
          guarantee: exactly-once
          input: {kafka: {topics: [in]}}
          output: {kafka: {topic: out, acks: "1"}}
        """);
    assertThat(leaderOnly.problems()).extracting(Problem::message)
        .containsExactly("exactly-once writes with acks all and idempotence on; remove acks and idempotence "
            + "from the kafka output, or use at-least-once");
  }

  @Test
  void exactlyOnceIsRefusedWithAnOutOfProcessPlugin() {
    ReadResult result = read("""
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: s}
        spec:
          guarantee: exactly-once
          input: {kafka: {topics: [in]}}
          pipeline: {processors: [{plugin: {name: upper}}]}
          output: {kafka: {topic: out}}
        """);

    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("spec.guarantee");
      assertThat(p.message()).startsWith("exactly-once is not available with a 'plugin' processor")
          .contains("use at-least-once");
    });
  }

  @Test
  void aSwitchReadsItsCasesProcessorsAsThePipelinesOwn() {
    ReadResult result = read("""
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: s}
        spec:
          input: {kafka: {topics: [in]}}
          pipeline:
            processors:
              - switch:
                  - check: type = 'refund'
                    processors:
                      - mapping: '{"refund": amount}'
                      - filter: refund > 0
                  - processors: []
          output: {kafka: {topic: out}}
        """);

    assertThat(result.problems()).isEmpty();
    ComponentConfig sw = result.definition().spec().processors().get(0);
    assertThat(sw.type()).isEqualTo("switch");
    assertThat(sw.config().get("cases")).isEqualTo(List.of(
        Map.of("check", "type = 'refund'", "processors", List.of(
            Map.of("mapping", Map.of("expression", "{\"refund\": amount}")),
            Map.of("filter", Map.of("condition", "refund > 0")))),
        Map.of("processors", List.of())));
  }

  @Test
  void aSwitchsProblemsNameTheCaseAndTheProcessor() {
    ReadResult result = read("""
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: s}
        spec:
          input: {kafka: {topics: [in]}}
          pipeline:
            processors:
              - switch:
                  cases:
                    - processors: [{filtr: x > 1}]
                    - check: x >
                      processors: [{plugin: {name: upper}}]
          output: {kafka: {topic: out}}
        """);

    assertThat(result.problems()).extracting(Problem::path).containsExactlyInAnyOrder(
        "spec.pipeline.processors[0].switch.cases[1].check",
        "spec.pipeline.processors[0].switch.cases[0].processors[0].filtr",
        "spec.pipeline.processors[0].switch.cases[1].processors[0]");
    assertThat(result.problems()).extracting(Problem::message).anySatisfy(m ->
        assertThat(m).startsWith("plugin cannot run inside a switch case").contains("put it after the switch"))
        .anySatisfy(m -> assertThat(m).startsWith("unknown processor 'filtr'; did you mean 'filter'?"));
  }

  @Test
  void onlyTheLastCaseOfASwitchMayLeaveOutItsCheck() {
    ReadResult result = read("""
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: s}
        spec:
          input: {kafka: {topics: [in]}}
          pipeline: {processors: [{switch: [{processors: []}, {check: "x = 1", processors: []}]}]}
          output: {kafka: {topic: out}}
        """);

    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("spec.pipeline.processors[0].switch.cases[0].check");
      assertThat(p.message()).contains("only the last case may leave out check");
    });
  }

  @Test
  void aFieldOfAnyTypeKeepsTheValueAsWritten() {
    ReadResult result = read("""
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: s}
        spec:
          input: {kafka: {topics: [in]}}
          pipeline: {processors: [{plugin: {name: upper, config: {field: name, limit: 5, tags: [a, b], on: true}}}]}
          output: {kafka: {topic: out}}
        """);

    assertThat(result.problems()).isEmpty();
    assertThat(result.definition().spec().processors().get(0).config().get("config"))
        .isEqualTo(Map.of("field", "name", "limit", 5, "tags", List.of("a", "b"), "on", true));
  }

  @Test
  void aNumberWhoseTextIsAChoiceIsThatChoice() {
    ReadResult result = read("""
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: s}
        spec:
          input: {generate: "{}"}
          output: {kafka: {topic: out, acks: 1}}
        """);

    assertThat(result.problems()).isEmpty();
    assertThat(result.definition().spec().output().config()).containsEntry("acks", "1");
  }

  @Test
  void errorPolicyFallbackOnlyWithRetry() {
    ReadResult result = read("""
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: s}
        spec:
          input: {generate: "{}"}
          output: {drop: }
          errors: {policy: drop, fallback: dead-letter, retry: {backoff: 1x}}
        """);

    assertThat(result.problems()).extracting(Problem::path).containsExactly(
        "spec.errors.retry.backoff", "spec.errors.fallback");
  }

  @Test
  void reportsDuplicateKeysAndShorthandMisuse() {
    ReadResult result = read("""
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: s, name: t}
        spec:
          input: {kafka: [a]}
          output: {drop: {}, kafka: {topic: x}}
        """);

    assertThat(result.problems()).extracting(Problem::path, Problem::line).containsExactly(
        tuple("metadata.name", 3),
        tuple("spec.input.kafka", 5),
        tuple("spec.output", 6));
    assertThat(result.problems().get(0).message()).isEqualTo("'name' is given twice; keep one");
  }

  @Test
  void readsEveryDocumentOfAFileAndJsonToo() {
    List<ReadResult> results = reader.readAll("two.yaml", """
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: one}
        spec: {input: {generate: "{}"}, output: {drop: {}}}
        ---
        {"apiVersion": "sluice.dev/v1", "kind": "Stream", "metadata": {"name": "two", "namespace": "x"},
         "spec": {"state": "paused", "input": {"generate": "{}"}, "output": {"drop": null}}}
        """);

    assertThat(results).extracting(ReadResult::isValid).containsExactly(true, true);
    assertThat(results).extracting(ReadResult::line).containsExactly(1, 6);
    assertThat(results.get(1).definition().id()).isEqualTo("x/two");
    assertThat(results.get(1).definition().spec().state()).isEqualTo(DesiredState.PAUSED);
  }

  @Test
  void syntaxErrorsCarryTheirPosition() {
    List<ReadResult> results = reader.readAll("bad.yaml", """
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: s
        spec: {}
        """);

    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.problems()).singleElement().satisfies(p -> {
        assertThat(p.message()).startsWith("not valid YAML: ");
        assertThat(p.line()).isEqualTo(4);
      });
    });
  }

  @Test
  void readOneRefusesSeveralDocuments() {
    ReadResult result = read("a: 1\n---\nb: 2\n");

    assertThat(result.problems()).extracting(Problem::message)
        .containsExactly("the text holds 2 documents; send one at a time");
  }
}
