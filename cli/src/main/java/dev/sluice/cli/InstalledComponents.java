package dev.sluice.cli;

import dev.sluice.dataplane.pipeline.Components;
import dev.sluice.dataplane.plugins.ComponentClashException;
import dev.sluice.dataplane.plugins.PluginDirectory;
import dev.sluice.definitions.ComponentCatalog;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The built-in components plus those of a plugins directory, each plugin in its own class loader,
 * as every command that runs or validates streams loads them. Keep it open while any of its
 * components, or their config checks, may be used.
 *
 * @param plugins the plugins found
 * @param components built-ins and plugins together
 */
record InstalledComponents(PluginDirectory plugins, Components components) implements AutoCloseable {

  /**
   * Loads the built-ins and the plugins under {@code pluginsDir} (missing: none), telling {@code
   * skipped} about every plugin left out and why.
   *
   * @throws UserError when two components share a name and kind
   */
  static InstalledComponents load(Path pluginsDir, Consumer<String> skipped) {
    PluginDirectory plugins = PluginDirectory.scan(pluginsDir);
    plugins.problems().forEach(p -> skipped.accept("Plugin skipped: " + p));
    try {
      return new InstalledComponents(plugins, Components.load(InstalledComponents.class.getClassLoader(), plugins));
    } catch (ComponentClashException e) {
      plugins.close();
      throw new UserError(e.getMessage(), e);
    }
  }

  /** What stream documents may use, for validation. */
  ComponentCatalog catalog() {
    return ComponentCatalog.of(components.descriptors());
  }

  @Override
  public void close() {
    plugins.close();
  }
}
