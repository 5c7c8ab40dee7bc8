package dev.sluice.connectors.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.error.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRootTest {

  @TempDir Path root;

  @Test
  void relativeAndAbsolutePathsInsideTheRootResolve() throws Exception {
    assertThat(FileRoot.resolve(context(root), "a/b.ndjson")).isEqualTo(root.resolve("a/b.ndjson"));
    assertThat(FileRoot.resolve(context(root), root.resolve("c.ndjson").toString()))
        .isEqualTo(root.resolve("c.ndjson"));
    assertThat(FileRoot.resolve(context(root), "a/../d.ndjson")).isEqualTo(root.resolve("d.ndjson"));
  }

  @Test
  void pathsLeadingOutsideTheRootAreRefused() {
    for (String path : new String[] {"../escape.ndjson", "/etc/passwd", "a/../../x"}) {
      assertThatThrownBy(() -> FileRoot.resolve(context(root), path))
          .as(path).isInstanceOf(ConfigException.class)
          .hasMessageContaining("leads outside the directory file components may use");
    }
  }

  @Test
  void aSymbolicLinkOutOfTheRootIsRefused() throws Exception {
    Path outside = Files.createTempDirectory("sluice-outside-");
    try {
      Files.createSymbolicLink(root.resolve("link"), outside);
      assertThatThrownBy(() -> FileRoot.resolve(context(root), "link/secret.ndjson"))
          .isInstanceOf(ConfigException.class).hasMessageContaining("leads outside");
    } finally {
      Files.delete(root.resolve("link"));
      Files.delete(outside);
    }
  }

  @Test
  void aWorkerWithoutARootRunsNoFileComponent() {
    assertThatThrownBy(() -> FileRoot.resolve(context(null), "a.ndjson"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("start it with the worker setting file.root=<directory>");
  }

  @Test
  void aRootThatDoesNotExistYetStillHoldsItsPaths() throws Exception {
    Path missing = root.resolve("not/yet");
    assertThat(FileRoot.resolve(context(missing), "x.ndjson")).isEqualTo(missing.resolve("x.ndjson"));
  }

  private static TestContext context(Path root) {
    return TestContext.of(root, Map.of());
  }
}
