package dev.sluice.dataplane.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Node.js example plugin (plugins/examples/node-processor). Installs its npm dependencies
 * from package-lock.json first when they are missing, so a fresh checkout needs only Node 20+ and
 * access to the npm registry.
 */
class NodePluginIT extends PluginContractIT {

  private static Path directory() {
    return examples().resolve("node-processor");
  }

  /** Runs {@code npm ci} unless the plugin's dependencies are installed. */
  @BeforeAll
  static void installDependencies() throws IOException, InterruptedException {
    if (Files.isDirectory(directory().resolve("node_modules").resolve("@grpc"))) {
      return;
    }
    // Not inheritIO: the test JVM's stdin and stdout are Surefire's channel, and node would set that
    // stdin non-blocking, which breaks the channel ("std/in stream corrupted") once npm exits.
    Path log = Files.createTempFile("npm-ci", ".log");
    Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
        .directory(directory().toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(npm.waitFor()).as("npm ci in %s:%n%s", directory(), Files.readString(log)).isZero();
  }

  @Override
  Path manifest() {
    return directory().resolve(PluginManifest.FILE_NAME);
  }
}
