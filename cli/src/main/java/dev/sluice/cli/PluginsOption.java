package dev.sluice.cli;

import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The {@code --plugins} option of every command that runs or validates streams, mixed in with
 * picocli's {@code @Mixin} so that all of them read the same directory the same way.
 */
final class PluginsOption {

  @Option(names = "--plugins", paramLabel = "DIR", defaultValue = "${env:SLUICE_PLUGINS:-./plugins}",
      description = "Plugins whose components streams may use, laid out as DIR/<name>/*.jar, each in its own "
          + "class loader (default: ${DEFAULT-VALUE}); give the coordinator the workers' plugins.")
  Path dir;

  /** The built-ins plus these plugins; see {@link InstalledComponents#load}. */
  InstalledComponents load(Consumer<String> skipped) {
    return InstalledComponents.load(dir, skipped);
  }
}
