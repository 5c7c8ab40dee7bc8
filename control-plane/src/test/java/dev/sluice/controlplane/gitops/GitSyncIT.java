package dev.sluice.controlplane.gitops;

import static dev.sluice.controlplane.streams.TestStreams.orders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.controlplane.ControlPlane;
import dev.sluice.controlplane.ControlPlaneConfig;
import dev.sluice.controlplane.auth.Role;
import dev.sluice.controlplane.secrets.SecretCipher;
import dev.sluice.definitions.ComponentCatalog;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.KafkaExtension;
import dev.sluice.testkit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A control plane following a local Git repository made with JGit: commits add and remove streams. */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class GitSyncIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path repoDir;

  @Test
  void aCommitAddingAStreamCreatesItAndOneRemovingItDeletesIt(EmbeddedKafka kafka, EmbeddedPostgres postgres)
      throws Exception {
    try (Git git = Git.init().setDirectory(repoDir.toFile()).setInitialBranch("main").call()) {
      commit(git, "streams/README.md", "Stream files of the shop.\n", "start");
      GitSyncSource source = GitSyncSource.parse("name=shop,url=" + repoDir.toUri() + ",branch=main,path=streams,"
          + "interval=1s");
      try (ControlPlane controlPlane = ControlPlane.start(new ControlPlaneConfig(postgres.createDatabase("git_sync"),
          null, null, kafka.bootstrapServers(), (short) 1, "127.0.0.1", 0, 0, "join", SecretCipher.newKeyBase64(),
          Duration.ofSeconds(10), Duration.ofSeconds(3), null).withGitSync(List.of(source)),
          ComponentCatalog.load(getClass().getClassLoader()))) {
        String token = "sluice_admin-" + UUID.randomUUID();
        controlPlane.tokens().ensureToken("admin", token, Role.ADMIN, List.of("*"));
        RestClient api = new RestClient(controlPlane.httpPort(), token);
        createOutsideStream(controlPlane);

        write("streams/shop/edited.yaml", orders("shop", "edited"));
        RevCommit added = commit(git, "streams/shop/orders.yaml", orders("shop", "orders"), "add orders");

        await().atMost(WAIT).until(() -> controlPlane.streams().get("shop", "orders").isPresent());
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(api).path("lastCommit").asText())
            .isEqualTo(added.getName()));
        assertThat(controlPlane.streams().get("shop", "edited")).isPresent();
        assertThat(status(api).path("error").isNull()).isTrue();
        assertThat(status(api).path("applySet").asText()).isEqualTo("git:shop");

        api.expect(200, "PUT", "/api/v1/streams/shop/edited", orders("shop", "edited", 99, ""));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(api).path("drift"))
            .extracting(JsonNode::asText).containsExactly("shop/edited"));

        RevCommit broken = commit(git, "streams/shop/broken.yaml",
            orders("shop", "broken").replace("topic: orders", "topik: orders"), "add a broken stream");
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(api).path("error").asText())
            .contains("streams/shop/broken.yaml").contains("spec.output.kafka"));
        assertThat(controlPlane.streams().get("shop", "broken")).isEmpty();
        assertThat(status(api).path("lastCommit").asText()).isEqualTo(added.getName()).isNotEqualTo(broken.getName());

        git.rm().addFilepattern("streams/shop/broken.yaml").addFilepattern("streams/shop/orders.yaml")
            .addFilepattern("streams/shop/edited.yaml").call();
        RevCommit removed = git.commit().setMessage("remove orders").setAuthor("test", "test@example.com").call();

        await().atMost(WAIT).until(() -> controlPlane.streams().get("shop", "orders").isEmpty());
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(api).path("lastCommit").asText())
            .isEqualTo(removed.getName()));
        assertThat(controlPlane.streams().get("shop", "outside")).isPresent();
        assertThat(controlPlane.streams().get("shop", "edited")).as("drift is held back, even from prune")
            .isPresent();
        JsonNode synced = api.expect(200, "POST", "/api/v1/gitsync/shop/sync", null);
        assertThat(synced.path("lastCommit").asText()).isEqualTo(removed.getName());
        assertThat(synced.path("drift")).extracting(JsonNode::asText).containsExactly("shop/edited");
      }
    }
  }

  /** A stream made through the API in the same namespace, which the sync must never prune. */
  private static void createOutsideStream(ControlPlane controlPlane) {
    controlPlane.streams().create(orders("shop", "outside"), "someone");
  }

  private static JsonNode status(RestClient api) throws Exception {
    return api.expect(200, "GET", "/api/v1/gitsync", null).path("items").get(0);
  }

  /** Writes {@code file} and commits every change in the work tree. */
  private RevCommit commit(Git git, String file, String text, String message) throws Exception {
    write(file, text);
    git.add().addFilepattern(".").call();
    return git.commit().setMessage(message).setAuthor("test", "test@example.com").call();
  }

  private void write(String file, String text) throws Exception {
    Path path = repoDir.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
  }
}
