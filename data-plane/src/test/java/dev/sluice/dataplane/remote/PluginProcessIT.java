package dev.sluice.dataplane.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Supervision details that do not depend on the plugin's language, on real processes. */
class PluginProcessIT {

  @TempDir
  Path dir;

  @BeforeAll
  static void nodeDependencies() throws IOException, InterruptedException {
    NodePluginIT.installDependencies();
  }

  @Test
  void stopsThePluginAndEveryProcessItStartedOnClose() throws Exception {
    Path index = PluginContractIT.examples().resolve("node-processor").resolve("index.js");
    // sh starts a sleep, then becomes node: the sleep is the plugin's child.
    PluginManifest manifest = new PluginManifest("tree", List.of("sh", "-c", "sleep 300 & exec node " + index),
        Map.of(), Duration.ofSeconds(30), dir);

    List<ProcessHandle> tree;
    try (PluginProcess plugin = PluginProcess.start(manifest)) {
      tree = ProcessHandle.of(plugin.pid().orElseThrow()).orElseThrow().descendants().toList();
      assertThat(tree).isNotEmpty();
    }

    for (ProcessHandle child : tree) {
      // Left running, a child would make this time out.
      assertThat(child.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
    }
  }

  @Test
  void saysSoWhenThePluginExitsBeforeItIsReady() throws IOException {
    Files.writeString(dir.resolve("plugin.yaml"), "name: broken\ncommand: [sh, -c, 'echo no luck >&2; exit 3']\n");

    assertThatThrownBy(() -> PluginProcess.start(PluginManifest.read(dir)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("plugin broken exited with code 3 before it answered Describe")
        .hasMessageContaining(dir.resolve("plugin.yaml").toString());
  }
}
