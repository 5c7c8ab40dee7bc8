package dev.sluice.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.api.Problem;
import dev.sluice.api.definition.StreamDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretReferencesTest {

  private final DefinitionReader reader = new DefinitionReader(TestCatalog.create());

  private ReadResult read(String output) {
    return reader.readOne("test.yaml", """
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: s, namespace: shop}
        spec:
          input: {kafka: {topics: [events]}}
          output:
        """ + output.indent(4));
  }

  @Test
  void aWholeValueOfTheRightShapeIsAReference() {
    assertThat(SecretReferences.name("${secret:db-password}")).contains("db-password");
    assertThat(SecretReferences.name("${secret:a.b_c-1}")).contains("a.b_c-1");
    assertThat(SecretReferences.name("db-password")).isEmpty();
    assertThat(SecretReferences.name("Bearer ${secret:x}")).isEmpty();
    assertThat(SecretReferences.name("${secret:}")).isEmpty();
    assertThat(SecretReferences.name(42L)).isEmpty();
    assertThat(SecretReferences.reference("db-password")).isEqualTo("${secret:db-password}");
  }

  @Test
  void malformedReferencesAreProblemsNamingFieldValueAndFix() {
    ReadResult result = read("""
        http:
          url: ${secret:}
          tags: {env: '${secret:Bad Name}', team: 'Bearer ${secret:tok}'}
        """);

    assertThat(result.problems()).extracting(Problem::path, Problem::value).containsExactly(
        tuple("spec.output.http.url", "${secret:}"),
        tuple("spec.output.http.tags.env", "${secret:Bad Name}"),
        tuple("spec.output.http.tags.team", "Bearer ${secret:tok}"));
    assertThat(result.problems().get(0).message()).startsWith("'' is not a valid secret name")
        .contains("${secret:db-password}");
    assertThat(result.problems().get(1).message()).startsWith("'Bad Name' is not a valid secret name");
    assertThat(result.problems().get(2).message()).startsWith("a secret reference must be the whole value");
    assertThat(result.problems()).allSatisfy(p -> assertThat(p.line()).isPositive());
  }

  @Test
  void referencesAreKeptAsTextAndFoundByPath() {
    ReadResult result = read("""
        http:
          url: ${secret:internal-url}
          headers: [{name: Authorization, value: '${secret:api-key}'}]
          tags: {plain: literal}
        """);

    // the component's own check (no "internal" hosts) cannot judge a reference, so it is not run on it
    assertThat(result.problems()).isEmpty();
    StreamDefinition stream = result.definition();
    assertThat(stream.spec().output().config().get("url")).isEqualTo("${secret:internal-url}");
    assertThat(SecretReferences.in(stream)).containsExactly(
        Map.entry("spec.output.http.url", "internal-url"),
        Map.entry("spec.output.http.headers[0].value", "api-key"));
    assertThat(SecretReferences.names(stream)).containsExactly("api-key", "internal-url");
  }

  @Test
  void resolvingSwapsEveryReferenceForItsValueAndLeavesTheRest() {
    StreamDefinition stream = read("""
        http:
          url: ${secret:url}
          headers: [{name: Authorization, value: '${secret:api-key}'}]
          tags: {plain: literal}
        """).definition();

    StreamDefinition resolved = SecretReferences.resolve(stream, Map.of("url", "https://example.com/in",
        "api-key", "Bearer s3cret"));

    Map<String, Object> config = resolved.spec().output().config();
    assertThat(config.get("url")).isEqualTo("https://example.com/in");
    assertThat(config.get("headers")).isEqualTo(List.of(Map.of("name", "Authorization", "value", "Bearer s3cret")));
    assertThat(config.get("tags")).isEqualTo(Map.of("plain", "literal"));
    assertThat(SecretReferences.in(resolved)).isEmpty();
    assertThat(stream.spec().output().config().get("url")).isEqualTo("${secret:url}");
  }

  @Test
  void resolvingWithoutAValueNamesTheSecretOnly() {
    StreamDefinition stream = read("http: {url: '${secret:url}'}").definition();

    assertThatThrownBy(() -> SecretReferences.resolve(stream, Map.of("other", "value-that-must-not-show")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'url'")
        .hasMessageNotContaining("value-that-must-not-show");
  }
}
