package dev.sluice.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.definition.StreamDefinition;
import org.junit.jupiter.api.Test;

class DefinitionWriterTest {

  private final DefinitionReader reader = new DefinitionReader(TestCatalog.create());

  @Test
  void canonicalJsonReadsBackToAnEqualDefinitionWithDefaultsSpelledOut() {
    StreamDefinition original = reader.readOne("s.yaml", """
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: s, labels: {b: "2", a: "1"}}
        spec:
          input: {kafka: {topics: [a, b]}}
          pipeline: {processors: [{filter: "x > 1"}]}
          output: {http: {url: "http://localhost/x", batch: {count: 5}}}
          errors: {policy: retry, fallback: dead-letter, retry: {backoff: 250ms}}
        """).definition();

    String json = DefinitionWriter.toJson(original);
    StreamDefinition reread = reader.readOne("s.json", json).definition();

    assertThat(reread).isEqualTo(original);
    assertThat(json).isEqualTo("{\"apiVersion\":\"sluice.dev/v1\",\"kind\":\"Stream\","
        + "\"metadata\":{\"name\":\"s\",\"namespace\":\"default\",\"labels\":{\"a\":\"1\",\"b\":\"2\"}},"
        + "\"spec\":{\"state\":\"active\",\"parallelism\":1,\"guarantee\":\"at-least-once\","
        + "\"input\":{\"kafka\":{\"topics\":[\"a\",\"b\"],\"format\":\"json\"}},"
        + "\"pipeline\":{\"processors\":[{\"filter\":{\"condition\":\"x > 1\"}}]},"
        + "\"output\":{\"http\":{\"url\":\"http://localhost/x\",\"batch\":{\"count\":5,\"period\":\"1s\"},\"gzip\":false}},"
        + "\"errors\":{\"policy\":\"retry\",\"retry\":{\"max\":3,\"backoff\":\"250ms\",\"maxBackoff\":\"30s\"},"
        + "\"fallback\":\"dead-letter\"}}}");
  }
}
