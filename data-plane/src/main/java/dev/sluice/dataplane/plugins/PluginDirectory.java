package dev.sluice.dataplane.plugins;

import dev.sluice.api.component.ComponentProvider;
import dev.sluice.api.error.ConfigException;
import dev.sluice.dataplane.remote.PluginManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins directory, laid out as {@code <dir>/<name>/*.jar}: each {@code <name>} is one plugin
 * with its own child-first class loader (see {@code PluginClassLoader}). A {@code <name>} directory
 * holding a {@code plugin.yaml} is an out-of-process processor plugin instead: the worker launches
 * it from that manifest when a stream's {@code plugin} processor names it ({@link
 * #processPlugin(String)}), and loads none of its jars.
 *
 * <p>Scanning never stops at one bad plugin: a plugin whose directory or jars escape the plugins
 * directory (also through symbolic links or a manifest {@code Class-Path}), whose jars do not open,
 * or whose providers do not load is left out and listed in {@link #problems()}; the others load.
 *
 * <p>Immutable after {@link #scan}; {@link #close()} closes every plugin's class loader, after
 * which their components must no longer run.
 */
public final class PluginDirectory implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PluginDirectory.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final Path root;
  private final List<Plugin> plugins;
  private final Map<String, PluginManifest> processPlugins;
  private final List<String> problems;

  private PluginDirectory(Path root, List<Plugin> plugins, Map<String, PluginManifest> processPlugins,
      List<String> problems) {
    this.root = root;
    this.plugins = List.copyOf(plugins);
    this.processPlugins = Map.copyOf(processPlugins);
    this.problems = List.copyOf(problems);
  }

  /** No plugins at all. */
  public static PluginDirectory none() {
    return new PluginDirectory(null, List.of(), Map.of(), List.of());
  }

  /**
   * Loads every plugin under {@code directory}, sharing the SPI and slf4j of the class loader that
   * loaded {@link ComponentProvider}. A directory that does not exist holds no plugins.
   *
   * @throws IllegalArgumentException when {@code directory} exists but is not a readable directory
   */
  public static PluginDirectory scan(Path directory) {
    if (!Files.exists(directory)) {
      log.info("No plugins directory at {}: running with built-in components only", directory.toAbsolutePath());
      return new PluginDirectory(directory, List.of(), Map.of(), List.of());
    }
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("plugins directory " + directory + " is not a directory; point it at a "
          + "directory laid out as <dir>/<plugin-name>/*.jar");
    }
    ClassLoader parent = ComponentProvider.class.getClassLoader();
    List<Plugin> plugins = new ArrayList<>();
    Map<String, PluginManifest> processPlugins = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    try (Stream<Path> children = Files.list(directory)) {
      Path root = directory.toRealPath();
      for (Path child : children.sorted().toList()) {
        try {
          if (Files.isRegularFile(child.resolve(PluginManifest.FILE_NAME))) {
            addProcessPlugin(child, processPlugins);
          } else {
            load(root, child, parent).ifPresent(plugins::add);
          }
        } catch (PluginRefusedException e) {
          log.warn("Plugin not loaded: {}", e.getMessage());
          problems.add(e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read plugins directory " + directory + "; make it readable", e);
    }
    return new PluginDirectory(directory, plugins, processPlugins, problems);
  }

  private static void addProcessPlugin(Path child, Map<String, PluginManifest> found)
      throws PluginRefusedException {
    PluginManifest manifest;
    try {
      manifest = PluginManifest.read(child);
    } catch (ConfigException e) {
      throw new PluginRefusedException("process plugin " + child + " has a bad " + PluginManifest.FILE_NAME + ": "
          + String.join("; ", e.problems().stream().map(p -> p.path() + ": " + p.message()).toList()), e);
    }
    PluginManifest before = found.putIfAbsent(manifest.name(), manifest);
    if (before != null) {
      throw new PluginRefusedException("process plugins " + before.directory() + " and " + child + " are both called '"
          + manifest.name() + "'; rename one in its " + PluginManifest.FILE_NAME);
    }
    log.info("Found process plugin {} in {}", manifest.name(), child);
  }

  private static Optional<Plugin> load(Path root, Path child, ClassLoader parent)
      throws PluginRefusedException {
    String name = child.getFileName().toString();
    if (!Files.isDirectory(child)) {
      if (name.endsWith(".jar")) {
        throw new PluginRefusedException("jar " + child + " lies directly in the plugins directory; move it into "
            + "a directory of its own: " + child.resolveSibling("<plugin-name>").resolve(name));
      }
      log.debug("Ignoring {}: not a plugin directory", child);
      return Optional.empty();
    }
    if (!NAME.matcher(name).matches()) {
      throw new PluginRefusedException("plugin directory " + child + " is not named like a plugin; rename it to "
          + "letters, digits, '.', '_' and '-', starting with a letter or digit");
    }
    Plugin plugin = Plugin.load(name, child, PluginJars.of(root, child), parent);
    log.info("Loaded plugin {} from {} jar(s) in {}: {}", name, plugin.jars().size(), child,
        plugin.providers().stream().map(p -> p.descriptor().kind().word() + "/" + p.descriptor().name()).toList());
    return Optional.of(plugin);
  }

  /** The plugins that loaded, by directory name. */
  public List<Plugin> plugins() {
    return plugins;
  }

  /** The out-of-process processor plugin whose {@code plugin.yaml} says {@code name: <name>}, if any. */
  public Optional<PluginManifest> processPlugin(String name) {
    return Optional.ofNullable(processPlugins.get(name));
  }

  /** Why each refused plugin was left out: the path, what is wrong and how to fix it. */
  public List<String> problems() {
    return problems;
  }

  /** The scanned directory, as given; null for {@link #none()}. */
  public Path root() {
    return root;
  }

  /** Closes every plugin's class loader. */
  @Override
  public void close() {
    for (Plugin plugin : plugins) {
      try {
        plugin.close();
      } catch (IOException e) {
        log.warn("Could not close the class loader of {}", plugin, e);
      }
    }
  }
}
