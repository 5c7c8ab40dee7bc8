package dev.sluice.controlplane.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.api.Problem;
import dev.sluice.api.definition.DesiredState;
import dev.sluice.controlplane.outbox.ControlTopics;
import dev.sluice.controlplane.secrets.SecretStore;
import dev.sluice.controlplane.store.ControlPlaneDatabase;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.PostgresExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Saving streams that refer to secrets: a missing secret is a problem like any other. */
@ExtendWith(PostgresExtension.class)
class SecretReferencesSaveIT {

  private static final String NS = "vault";
  private static final String ACTOR = "alice";

  private static ControlPlaneDatabase database;
  private static StreamService streams;
  private static SecretStore secrets;

  @BeforeAll
  static void openDatabase(EmbeddedPostgres postgres) {
    database = TestStreams.database(postgres, "secret_references_it");
    streams = TestStreams.service(database, ControlTopics.defaults());
    secrets = TestStreams.secrets(database.jdbi());
  }

  @AfterAll
  static void closeDatabase() {
    database.close();
  }

  private static String referring(String name, String state) {
    return TestStreams.orders(NS, name, 10, "  state: " + state + "\n")
        .replace("topic: orders", "topic: '${secret:" + name + "-topic}'");
  }

  @Test
  void anActiveStreamReferringToAMissingSecretIsRefusedNamingFieldSecretAndFix() {
    assertThatThrownBy(() -> streams.create(referring("refused", "active"), ACTOR))
        .isInstanceOfSatisfying(InvalidDefinitionException.class, e ->
            assertThat(e.problems()).extracting(Problem::path, Problem::value, Problem::message).containsExactly(
                tuple("spec.output.kafka.topic", "${secret:refused-topic}", "secret 'refused-topic' does not exist "
                    + "in namespace 'vault'; create it with PUT /api/v1/secrets/vault/refused-topic")));
    assertThat(streams.get(NS, "refused")).isEmpty();
  }

  @Test
  void aPausedOneIsKeptWithTheProblemAndResumesOnceTheSecretExists() {
    SaveResult paused = streams.create(referring("later", "paused"), ACTOR);

    assertThat(paused.stream().state()).isEqualTo(DesiredState.PAUSED);
    assertThat(paused.stream().valid()).isFalse();
    assertThat(paused.problems()).extracting(Problem::path).containsExactly("spec.output.kafka.topic");
    assertThatThrownBy(() -> streams.resume(NS, "later", ACTOR)).isInstanceOf(InvalidDefinitionException.class);

    secrets.put(NS, "later-topic", "orders-later", ACTOR);
    SaveResult resumed = streams.resume(NS, "later", ACTOR);

    assertThat(resumed.problems()).isEmpty();
    assertThat(resumed.stream().state()).isEqualTo(DesiredState.ACTIVE);
    assertThat(resumed.stream().definitionJson()).contains("${secret:later-topic}").doesNotContain("orders-later");
  }

  @Test
  void aStreamWhoseSecretExistsIsSavedWithTheReferenceNotTheValue() {
    secrets.put(NS, "kept-topic", "value-never-stored", ACTOR);

    SaveResult saved = streams.create(referring("kept", "active"), ACTOR);

    assertThat(saved.problems()).isEmpty();
    assertThat(saved.stream().definitionJson()).contains("${secret:kept-topic}").doesNotContain("value-never-stored");
    assertThat(streams.revision(NS, "kept", 1).orElseThrow().document()).contains("${secret:kept-topic}");
  }
}
