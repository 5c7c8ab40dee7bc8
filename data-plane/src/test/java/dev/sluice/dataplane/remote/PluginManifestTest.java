package dev.sluice.dataplane.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Problem;
import dev.sluice.api.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginManifestTest {

  @TempDir
  Path dir;

  @Test
  void readsAManifestAndRunsItsCommandInItsDirectory() throws Exception {
    write("""
        name: uppercase
        command: [node, index.js, --port, "{port}"]
        env: {LOG_LEVEL: info}
        ready_timeout: 10s
        """);

    PluginManifest manifest = PluginManifest.read(dir);

    assertThat(manifest.name()).isEqualTo("uppercase");
    assertThat(manifest.command()).containsExactly("node", "index.js", "--port", "{port}");
    assertThat(manifest.env()).isEqualTo(Map.of("LOG_LEVEL", "info"));
    assertThat(manifest.readyTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(manifest.directory()).isEqualTo(dir.toAbsolutePath());
  }

  @Test
  void reportsEveryProblemNamingTheFieldTheValueAndTheFix() throws Exception {
    write("""
        name: Upper Case
        comand: [node, index.js]
        ready_timeout: soon
        """);

    assertThatThrownBy(() -> PluginManifest.read(dir))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          List<Problem> problems = e.problems();
          assertThat(problems).extracting(Problem::path)
              .containsExactlyInAnyOrder("comand", "name", "command", "ready_timeout");
          assertThat(message(problems, "comand")).contains("unknown field").contains("command");
          assertThat(message(problems, "name")).contains("'Upper Case'").contains("e.g. name: uppercase");
          assertThat(message(problems, "command")).contains("missing").contains("command: [node, index.js]")
              .contains(dir.resolve("plugin.yaml").toString());
          assertThat(message(problems, "ready_timeout")).contains("'soon'").contains("ready_timeout: 30s");
        });
  }

  @Test
  void refusesACommandThatIsNotAList() throws Exception {
    write("name: uppercase\ncommand: node index.js\n");

    assertThatThrownBy(() -> PluginManifest.read(dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("command").hasMessageContaining("expected a non-empty list")
        .hasMessageContaining("command: [node, index.js]");
  }

  @Test
  void saysWhatToDoWhenThereIsNoManifest() {
    assertThatThrownBy(() -> PluginManifest.read(dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(dir.resolve("plugin.yaml").toString())
        .hasMessageContaining("put a plugin.yaml with at least name and command");
  }

  private static String message(List<Problem> problems, String path) {
    return problems.stream().filter(p -> p.path().equals(path)).findFirst().orElseThrow().message();
  }

  private void write(String yaml) throws IOException {
    Files.writeString(dir.resolve("plugin.yaml"), yaml);
  }
}
