package dev.sluice.dataplane.plugins;

import dev.sluice.api.component.ComponentProvider;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded plugin: a directory of jars behind its own {@link PluginClassLoader}, and the
 * components its jars announce. Immutable; closed by the {@link PluginDirectory} that loaded it.
 */
public final class Plugin {

  private static final Logger log = LoggerFactory.getLogger(Plugin.class);

  private final String name;
  private final Path directory;
  private final List<Path> jars;
  private final PluginClassLoader loader;
  private final List<ComponentProvider> providers;

  private Plugin(String name, Path directory, List<Path> jars, PluginClassLoader loader,
      List<ComponentProvider> providers) {
    this.name = name;
    this.directory = directory;
    this.jars = List.copyOf(jars);
    this.loader = loader;
    this.providers = List.copyOf(providers);
  }

  /**
   * Loads the vetted {@code jars} of plugin {@code name} in a new class loader under {@code parent}
   * and instantiates the providers defined by the plugin's own jars (not the host's, which {@link
   * ServiceLoader} also sees through delegation).
   */
  static Plugin load(String name, Path directory, List<Path> jars, ClassLoader parent)
      throws PluginRefusedException {
    PluginClassLoader loader = new PluginClassLoader(name, urls(jars), parent);
    boolean loaded = false;
    try {
      List<ComponentProvider> providers = new ArrayList<>();
      for (ServiceLoader.Provider<ComponentProvider> p
          : ServiceLoader.load(ComponentProvider.class, loader).stream().toList()) {
        if (p.type().getClassLoader() == loader) {
          ComponentProvider provider = p.get();
          provider.descriptor(); // a descriptor that throws is this plugin's fault, reported here
          providers.add(provider);
        }
      }
      if (providers.isEmpty()) {
        throw new PluginRefusedException("plugin directory " + directory + " announces no component; list the "
            + "plugin's providers in META-INF/services/" + ComponentProvider.class.getName() + " inside its jar");
      }
      loaded = true;
      return new Plugin(name, directory, jars, loader, providers);
    } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
      throw new PluginRefusedException("plugin directory " + directory + " does not load: " + e
          + "; check that its jars hold every class it needs and that it was built against this Sluice's API", e);
    } finally {
      if (!loaded) {
        closeQuietly(loader);
      }
    }
  }

  private static URL[] urls(List<Path> jars) throws PluginRefusedException {
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new PluginRefusedException("jar " + jars.get(i) + " has no usable URL (" + e + "); rename it", e);
      }
    }
    return urls;
  }

  /** The plugin's name: its directory's name. */
  public String name() {
    return name;
  }

  /** The plugin's directory, as found in the plugins directory. */
  public Path directory() {
    return directory;
  }

  /** The real paths of the plugin's jars. */
  public List<Path> jars() {
    return jars;
  }

  /** The plugin's child-first class loader. */
  public ClassLoader classLoader() {
    return loader;
  }

  /** The components the plugin announces, each instantiated once. */
  public List<ComponentProvider> providers() {
    return providers;
  }

  /** Closes the plugin's class loader; its components must no longer run. */
  void close() throws IOException {
    loader.close();
  }

  private static void closeQuietly(PluginClassLoader loader) {
    try {
      loader.close();
    } catch (IOException e) {
      log.debug("Closing the class loader of a refused plugin failed", e);
    }
  }

  @Override
  public String toString() {
    return "plugin '" + name + "' (" + directory + ")";
  }
}
