package dev.sluice.dataplane.remote;

import java.nio.file.Path;

/** The Java example plugin (plugins/examples/java-processor, built before these tests run). */
class JavaPluginIT extends PluginContractIT {

  @Override
  Path manifest() {
    return examples().resolve("java-processor").resolve(PluginManifest.FILE_NAME);
  }
}
