package dev.sluice.dataplane.plugins;

import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The class loader of one plugin: child-first over the plugin's jars, except for the packages the
 * plugin must share with the host, which come only from the parent.
 *
 * <p>Shared are the JDK's own packages ({@code java.*}, {@code javax.*} of the JDK, {@code
 * org.w3c.dom}, {@code org.xml.sax}...: every package of a system module, so a plugin that bundles
 * {@code xml-apis} cannot split the JDK's XML classes in two), the plugin SPI {@code
 * dev.sluice.api.*} (so the plugin's {@code Processor} is the host's) and {@code org.slf4j.*} (so
 * plugin logs go to the worker's logging). Everything else, a plugin's Jackson, Guava or Kafka
 * Connect jars included, is looked up in the plugin first and only then in the parent.
 *
 * <p>Thread-safe: registered as parallel capable, one lock per class name.
 */
final class PluginClassLoader extends URLClassLoader {

  static {
    ClassLoader.registerAsParallelCapable();
  }

  private static final Set<String> JDK_PACKAGES = ModuleFinder.ofSystem().findAll().stream()
      .map(ModuleReference::descriptor)
      .flatMap(d -> d.packages().stream())
      .collect(Collectors.toUnmodifiableSet());

  private static final Set<String> SHARED_PREFIXES = Set.of("dev.sluice.api", "org.slf4j");

  PluginClassLoader(String plugin, URL[] jars, ClassLoader parent) {
    super("plugin-" + plugin, jars, parent);
  }

  /** Whether classes of this (fully qualified) class name always come from the host. */
  static boolean shared(String className) {
    int dot = className.lastIndexOf('.');
    String pkg = dot < 0 ? "" : className.substring(0, dot);
    if (JDK_PACKAGES.contains(pkg) || pkg.startsWith("java.")) {
      return true;
    }
    for (String prefix : SHARED_PREFIXES) {
      if (pkg.equals(prefix) || pkg.startsWith(prefix + ".")) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (shared(name)) {
      return getParent().loadClass(name);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> type = findLoadedClass(name);
      if (type == null) {
        try {
          type = findClass(name);
        } catch (ClassNotFoundException notInPlugin) {
          type = getParent().loadClass(name);
        }
      }
      if (resolve) {
        resolveClass(type);
      }
      return type;
    }
  }

  @Override
  public URL getResource(String name) {
    URL own = findResource(name);
    return own != null ? own : getParent().getResource(name);
  }

  /** The plugin's resources first, then the host's: {@link java.util.ServiceLoader} sees both. */
  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    List<URL> urls = Collections.list(findResources(name));
    urls.addAll(Collections.list(getParent().getResources(name)));
    return Collections.enumeration(urls);
  }
}
