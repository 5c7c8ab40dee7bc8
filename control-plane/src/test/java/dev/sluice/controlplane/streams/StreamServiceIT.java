package dev.sluice.controlplane.streams;

import static dev.sluice.controlplane.streams.TestStreams.orders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.sluice.api.Problem;
import dev.sluice.api.definition.DesiredState;
import dev.sluice.controlplane.audit.AuditEntry;
import dev.sluice.controlplane.audit.AuditLog;
import dev.sluice.controlplane.outbox.ControlTopics;
import dev.sluice.controlplane.store.ConflictException;
import dev.sluice.controlplane.store.ControlPlaneDatabase;
import dev.sluice.controlplane.store.NotFoundException;
import dev.sluice.proto.v1.StreamRevision;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.PostgresExtension;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class StreamServiceIT {

  private static final String NS = "shop";
  private static final String ACTOR = "alice";

  private static ControlPlaneDatabase database;
  private static Jdbi jdbi;
  private static StreamService streams;

  @BeforeAll
  static void openDatabase(EmbeddedPostgres postgres) {
    database = TestStreams.database(postgres, "stream_service_it");
    jdbi = database.jdbi();
    streams = TestStreams.service(database, ControlTopics.defaults());
  }

  @AfterAll
  static void closeDatabase() {
    database.close();
  }

  @Test
  void createStoresRevisionOneWithItsOutboxEventAndAuditEntry() {
    SaveResult result = streams.create(orders(NS, "orders"), ACTOR);

    assertThat(result.changed()).isTrue();
    assertThat(result.problems()).isEmpty();
    StoredStream stream = result.stream();
    assertThat(stream.revision()).isEqualTo(1);
    assertThat(stream.state()).isEqualTo(DesiredState.ACTIVE);
    assertThat(stream.valid()).isTrue();
    assertThat(stream.definitionJson()).contains("\"generate\"").doesNotContain("resourceVersion");
    assertThat(streams.get(NS, "orders")).contains(stream);
    assertThat(revisionCount("orders")).isEqualTo(1);

    List<StreamRevision> events = outboxValues("orders");
    assertThat(events).hasSize(1);
    StreamRevision event = events.get(0);
    assertThat(event.getRevision()).isEqualTo(1);
    assertThat(event.getDefinitionJson()).isEqualTo(stream.definitionJson());
    assertThat(event.getState()).isEqualTo(dev.sluice.proto.v1.DesiredState.DESIRED_STATE_ACTIVE);
    assertThat(event.getCreatedAtMs()).isEqualTo(stream.updatedAt().toEpochMilli());

    assertThat(audit("orders")).singleElement().satisfies(entry -> {
      assertThat(entry.actor()).isEqualTo(ACTOR);
      assertThat(entry.action()).isEqualTo("stream.create");
      assertThat(entry.detail()).containsEntry("revision", 1);
    });
  }

  @Test
  void staleResourceVersionIsAConflictAndChangesNothing() {
    streams.create(orders(NS, "stale"), ACTOR);
    streams.update(NS, "stale", orders(NS, "stale", 20, ""), 1L, ACTOR);
    int revisions = revisionCount("stale");
    int outbox = outboxValues("stale").size();
    int audit = audit("stale").size();

    assertThatThrownBy(() -> streams.update(NS, "stale", orders(NS, "stale", 30, ""), 1L, ACTOR))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("shop/stale is at revision 2")
        .hasMessageContaining("based on resourceVersion 1")
        .hasMessageContaining("send resourceVersion 2");
    String withVersionInDocument = orders(NS, "stale", 30, "")
        .replace("namespace: shop}", "namespace: shop, resourceVersion: 1}");
    assertThatThrownBy(() -> streams.update(NS, "stale", withVersionInDocument, null, ACTOR))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> streams.delete(NS, "stale", 1L, ACTOR))
        .isInstanceOf(ConflictException.class);

    assertThat(revisionCount("stale")).isEqualTo(revisions);
    assertThat(outboxValues("stale")).hasSize(outbox);
    assertThat(audit("stale")).hasSize(audit);
    assertThat(streams.get(NS, "stale").orElseThrow().revision()).isEqualTo(2);
  }

  @Test
  void updateBasedOnTheCurrentVersionFromTheDocumentSucceeds() {
    streams.create(orders(NS, "current"), ACTOR);
    String document = orders(NS, "current", 20, "")
        .replace("namespace: shop}", "namespace: shop, resourceVersion: 1}");

    SaveResult result = streams.update(NS, "current", document, null, ACTOR);

    assertThat(result.stream().revision()).isEqualTo(2);
    assertThat(result.stream().document()).isEqualTo(document);
    assertThat(result.stream().definitionJson()).contains("\"count\":20").doesNotContain("resourceVersion");
  }

  @Test
  void activeAndInvalidIsRefusedWithEveryProblemAndNothingIsSaved() {
    String invalid = """
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: broken, namespace: shop}
        spec:
          parallelism: two
          input: {generate: {template: '{"id": $seq}', count: 10}}
          output: {kafka: {topik: orders}}
        """;

    assertThatThrownBy(() -> streams.create(invalid, ACTOR))
        .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> {
          assertThat(e.problems()).extracting(Problem::path)
              .contains("spec.parallelism", "spec.output.kafka.topik", "spec.output.kafka.topic");
          assertThat(e.problems()).allSatisfy(p -> assertThat(p.line()).isPositive());
          assertThat(e.getMessage()).contains("spec.state: paused");
        });

    assertThat(streams.get(NS, "broken")).isEmpty();
    assertThat(revisionCount("broken")).isZero();
    assertThat(outboxValues("broken")).isEmpty();
    assertThat(audit("broken")).isEmpty();
  }

  @Test
  void pausedAndInvalidIsSavedWithItsProblemsAndCannotBeResumed() {
    String invalid = orders(NS, "draft", 10, "  state: paused\n  parallelism: two\n");

    SaveResult result = streams.create(invalid, ACTOR);

    assertThat(result.stream().revision()).isEqualTo(1);
    assertThat(result.stream().valid()).isFalse();
    assertThat(result.stream().state()).isEqualTo(DesiredState.PAUSED);
    assertThat(result.stream().definitionJson()).isNull();
    assertThat(result.problems()).extracting(Problem::path).containsExactly("spec.parallelism");
    assertThat(streams.revision(NS, "draft", 1)).hasValueSatisfying(r -> {
      assertThat(r.valid()).isFalse();
      assertThat(r.document()).isEqualTo(invalid);
    });
    StreamRevision event = outboxValues("draft").get(0);
    assertThat(event.getDefinitionJson()).isEmpty();
    assertThat(event.getState()).isEqualTo(dev.sluice.proto.v1.DesiredState.DESIRED_STATE_PAUSED);

    assertThatThrownBy(() -> streams.resume(NS, "draft", ACTOR))
        .isInstanceOfSatisfying(InvalidDefinitionException.class, e ->
            assertThat(e.problems()).extracting(Problem::path).containsExactly("spec.parallelism"));
    assertThat(revisionCount("draft")).isEqualTo(1);
  }

  @Test
  void identityProblemsAreRefusedEvenWhenPaused() {
    String badName = orders(NS, "Bad_Name", 10, "  state: paused\n");
    String badState = orders(NS, "bad-state", 10, "  state: running\n");

    assertThatThrownBy(() -> streams.create(badName, ACTOR))
        .isInstanceOfSatisfying(InvalidDefinitionException.class, e ->
            assertThat(e.problems()).extracting(Problem::path).containsExactly("metadata.name"));
    assertThatThrownBy(() -> streams.create(badState, ACTOR))
        .isInstanceOfSatisfying(InvalidDefinitionException.class, e ->
            assertThat(e.problems()).extracting(Problem::path).containsExactly("spec.state"));
    assertThatThrownBy(() -> streams.create("a: [", ACTOR))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void rollbackRestoresAnEarlierRevisionAsANewOne() {
    streams.create(orders(NS, "rolled"), ACTOR);
    streams.update(NS, "rolled", orders(NS, "rolled", 20, ""), 1L, ACTOR);
    streams.update(NS, "rolled", orders(NS, "rolled", 30, ""), 2L, ACTOR);

    SaveResult result = streams.rollback(NS, "rolled", 1, ACTOR);

    assertThat(result.changed()).isTrue();
    assertThat(result.stream().revision()).isEqualTo(4);
    StoredRevision first = streams.revision(NS, "rolled", 1).orElseThrow();
    StoredRevision restored = streams.revision(NS, "rolled", 4).orElseThrow();
    assertThat(restored.definitionJson()).isEqualTo(first.definitionJson());
    assertThat(restored.document()).isEqualTo(first.document());
    assertThat(restored.state()).isEqualTo(first.state());
    assertThat(streams.revisions(NS, "rolled")).extracting(RevisionSummary::revision)
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(outboxValues("rolled")).extracting(StreamRevision::getRevision)
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(audit("rolled").get(0).detail())
        .containsEntry("restoredRevision", 1)
        .containsEntry("previousRevision", 3)
        .containsEntry("changedSpecFields", List.of("input"));
    assertThatThrownBy(() -> streams.rollback(NS, "rolled", 9, ACTOR))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("has no revision 9");
  }

  @Test
  void pauseAndResumeCreateRevisionsThatOnlyChangeTheState() {
    streams.create(orders(NS, "toggled"), ACTOR);

    SaveResult paused = streams.pause(NS, "toggled", ACTOR);
    SaveResult pausedAgain = streams.pause(NS, "toggled", ACTOR);
    SaveResult resumed = streams.resume(NS, "toggled", ACTOR);

    assertThat(paused.stream().revision()).isEqualTo(2);
    assertThat(paused.stream().state()).isEqualTo(DesiredState.PAUSED);
    assertThat(paused.stream().document()).contains("state: paused");
    assertThat(paused.stream().definitionJson()).isEqualTo(streams.revision(NS, "toggled", 1)
        .orElseThrow().definitionJson().replace("\"state\":\"active\"", "\"state\":\"paused\""));
    assertThat(pausedAgain.changed()).isFalse();
    assertThat(pausedAgain.stream().revision()).isEqualTo(2);
    assertThat(resumed.stream().revision()).isEqualTo(3);
    assertThat(resumed.stream().state()).isEqualTo(DesiredState.ACTIVE);
    assertThat(resumed.stream().definitionJson())
        .isEqualTo(streams.revision(NS, "toggled", 1).orElseThrow().definitionJson());
    assertThat(audit("toggled")).extracting(AuditEntry::action)
        .containsExactly("stream.resume", "stream.pause", "stream.create");
  }

  @Test
  void aChangeThatChangesNothingCreatesNoRevision() {
    streams.create(orders(NS, "same"), ACTOR);
    String asJson = """
        {"apiVersion": "sluice.dev/v1", "kind": "Stream",
         "metadata": {"namespace": "shop", "name": "same"},
         "spec": {"output": {"kafka": {"topic": "orders"}}, "parallelism": 1,
                  "input": {"generate": {"count": 10, "template": "{\\"id\\": $seq}"}}}}
        """;

    SaveResult again = streams.update(NS, "same", orders(NS, "same"), 1L, ACTOR);
    SaveResult reformatted = streams.update(NS, "same", asJson, 1L, ACTOR);

    assertThat(again.changed()).isFalse();
    assertThat(reformatted.changed()).isFalse();
    assertThat(reformatted.stream().revision()).isEqualTo(1);
    assertThat(revisionCount("same")).isEqualTo(1);
    assertThat(outboxValues("same")).hasSize(1);
  }

  @Test
  void existingMissingAndMisplacedStreamsAreRefused() {
    streams.create(orders(NS, "taken"), ACTOR);

    assertThatThrownBy(() -> streams.create(orders(NS, "taken"), ACTOR))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("shop/taken exists already (revision 1)");
    assertThatThrownBy(() -> streams.update(NS, "nowhere", orders(NS, "nowhere"), null, ACTOR))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("shop/nowhere does not exist");
    assertThatThrownBy(() -> streams.delete(NS, "nowhere", null, ACTOR))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> streams.pause(NS, "nowhere", ACTOR))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> streams.update(NS, "other", orders(NS, "taken"), null, ACTOR))
        .isInstanceOfSatisfying(InvalidDefinitionException.class, e ->
            assertThat(e.problems()).singleElement().satisfies(p -> {
              assertThat(p.path()).isEqualTo("metadata.name");
              assertThat(p.value()).isEqualTo("taken");
              assertThat(p.message()).contains("request is for 'other'");
            }));
    assertThat(revisionCount("taken")).isEqualTo(1);
  }

  @Test
  void deleteLeavesATombstoneKeepsTheHistoryAndARecreatedStreamContinuesItsNumbering() {
    streams.create(orders(NS, "gone"), ACTOR);
    streams.update(NS, "gone", orders(NS, "gone", 20, ""), null, ACTOR);

    streams.delete(NS, "gone", 2L, ACTOR);

    assertThat(streams.get(NS, "gone")).isEmpty();
    assertThat(streams.list(Optional.of(NS))).extracting(StoredStream::name).doesNotContain("gone");
    assertThat(outboxRawValues("gone")).last().isNull();
    assertThat(streams.revisions(NS, "gone")).hasSize(2);
    assertThat(audit("gone").get(0).action()).isEqualTo("stream.delete");

    SaveResult recreated = streams.create(orders(NS, "gone"), ACTOR);

    assertThat(recreated.stream().revision()).isEqualTo(3);
    assertThat(streams.revisions(NS, "gone")).extracting(RevisionSummary::revision)
        .containsExactly(1L, 2L, 3L);
  }

  @Test
  void listsStreamsByNamespace() {
    streams.create(orders("listed-a", "one"), ACTOR);
    streams.create(orders("listed-a", "two"), ACTOR);
    streams.create(orders("listed-b", "one"), ACTOR);

    assertThat(streams.list(Optional.of("listed-a"))).extracting(StoredStream::name)
        .containsExactly("one", "two");
    assertThat(streams.list(Optional.empty()))
        .extracting(s -> s.namespace() + "/" + s.name())
        .contains("listed-a/one", "listed-a/two", "listed-b/one");
  }

  private static int revisionCount(String name) {
    return jdbi.withHandle(h -> h.createQuery(
            "select count(*) from stream_revisions where namespace = :ns and name = :name")
        .bind("ns", NS).bind("name", name).mapTo(Integer.class).one());
  }

  private static List<byte[]> outboxRawValues(String name) {
    return jdbi.withHandle(h -> h.createQuery("select value from outbox where key = :key order by id")
        .bind("key", NS + "/" + name)
        .map((row, ctx) -> row.getBytes("value"))
        .list());
  }

  private static List<StreamRevision> outboxValues(String name) {
    return outboxRawValues(name).stream().map(StreamServiceIT::parse).toList();
  }

  private static StreamRevision parse(byte[] value) {
    try {
      return StreamRevision.parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("outbox value is not a StreamRevision", e);
    }
  }

  /** The stream's audit entries, newest first. */
  private static List<AuditEntry> audit(String name) {
    return new AuditLog(jdbi).list(Optional.of(NS), null, 1000).stream()
        .filter(e -> name.equals(e.name()))
        .toList();
  }
}
