package dev.sluice.controlplane.streams;

import static dev.sluice.controlplane.streams.TestStreams.orders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Problem;
import dev.sluice.api.definition.DesiredState;
import dev.sluice.controlplane.secrets.SecretReferenceCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamDocumentsTest {

  private final StreamDocuments documents = new StreamDocuments(TestStreams.reader(),
      new SecretReferenceCheck(namespace -> List.of()));

  @Test
  void readsTheIdentityAndTheCanonicalDefinitionOfAValidDocument() {
    SubmittedDocument doc = documents.read(
        orders("shop", "orders").replace("namespace: shop}", "namespace: shop, resourceVersion: 7}"));

    assertThat(doc.id()).isEqualTo("shop/orders");
    assertThat(doc.state()).isEqualTo(DesiredState.ACTIVE);
    assertThat(doc.resourceVersion()).isEqualTo(7L);
    assertThat(doc.valid()).isTrue();
    assertThat(doc.definitionJson()).startsWith("{\"apiVersion\":\"sluice.dev/v1\"")
        .contains("\"state\":\"active\"").doesNotContain("resourceVersion");
  }

  @Test
  void readsTheIdentityOfAnInvalidDocumentAndDefaultsTheNamespace() {
    String text = """
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: draft}
        spec: {state: paused, input: {nothing: {}}, output: {kafka: {}}}
        """;

    SubmittedDocument doc = documents.read(text);

    assertThat(doc.id()).isEqualTo("default/draft");
    assertThat(doc.state()).isEqualTo(DesiredState.PAUSED);
    assertThat(doc.valid()).isFalse();
    assertThat(doc.definitionJson()).isNull();
    assertThat(doc.problems()).extracting(Problem::path)
        .containsExactly("spec.input.nothing", "spec.output.kafka.topic");
    assertThat(doc.requireSavable()).as("paused, so savable").isSameAs(doc);
  }

  @Test
  void refusesDocumentsWhoseIdentityHasProblems() {
    assertThatThrownBy(() -> documents.read("kind: Pipeline\nmetadata: {name: x}\nspec: {}\n"))
        .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.problems())
            .extracting(Problem::path).contains("apiVersion", "kind"));
    assertThatThrownBy(() -> documents.read(orders("shop", "a") + "---\n" + orders("shop", "b")))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("send one at a time");
  }

  @Test
  void activeInvalidDocumentsAreNotSavable() {
    SubmittedDocument doc = documents.read(orders("shop", "x", 0, ""));

    assertThatThrownBy(doc::requireSavable)
        .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.problems())
            .extracting(Problem::path).containsExactly("spec.input.generate.count"))
        .hasMessageStartingWith("stream shop/x does not validate");
  }

  @Test
  void withStateChangesOnlyTheState() {
    String paused = StreamDocuments.withState(orders("shop", "orders"), DesiredState.PAUSED);

    SubmittedDocument before = documents.read(orders("shop", "orders"));
    SubmittedDocument after = documents.read(paused);
    assertThat(after.state()).isEqualTo(DesiredState.PAUSED);
    assertThat(after.definitionJson())
        .isEqualTo(before.definitionJson().replace("\"state\":\"active\"", "\"state\":\"paused\""));
    assertThat(paused).contains("state: paused");
  }

  @Test
  void pathMismatchNamesEachFieldThatDiffers() {
    SubmittedDocument doc = documents.read(orders("shop", "orders"));

    assertThat(StreamDocuments.pathMismatch(doc, "shop", "orders")).isEmpty();
    assertThat(StreamDocuments.pathMismatch(doc, "web", "other")).extracting(Problem::path)
        .containsExactly("metadata.namespace", "metadata.name");
  }
}
