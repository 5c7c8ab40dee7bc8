package dev.sluice.dataplane.plugins;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Finds and vets the jars of one plugin directory ({@code <plugins>/<name>/*.jar}) before any
 * class loader sees them: every jar, after following symbolic links, lies inside the plugins
 * directory, opens as a jar, names no entry that climbs out of it, and its manifest {@code
 * Class-Path} (which {@link java.net.URLClassLoader} would follow) points nowhere outside.
 */
final class PluginJars {

  private PluginJars() {}

  /**
   * The real paths of the jars in {@code pluginDir}, sorted by file name.
   *
   * @param root the plugins directory, as a real path
   * @throws PluginRefusedException when the directory or a jar escapes {@code root}, a jar does not
   *     open, or there is no jar at all
   */
  static List<Path> of(Path root, Path pluginDir) throws PluginRefusedException {
    Path realDir = inside(root, pluginDir, "plugin directory",
        "copy the plugin into the plugins directory instead of linking to it");
    List<Path> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(pluginDir)) {
      for (Path file : files.sorted().toList()) {
        if (file.getFileName().toString().endsWith(".jar")) {
          Path jar = inside(root, file, "jar", "copy the jar into " + realDir + " instead of linking to it");
          vet(root, jar);
          jars.add(jar);
        }
      }
    } catch (IOException e) {
      throw new PluginRefusedException("cannot list plugin directory " + pluginDir + ": " + e
          + "; make it readable by the worker", e);
    }
    if (jars.isEmpty()) {
      throw new PluginRefusedException("plugin directory " + pluginDir + " holds no .jar file; put the "
          + "plugin's jar and the jars it depends on directly into it");
    }
    return jars;
  }

  private static Path inside(Path root, Path path, String what, String fix) throws PluginRefusedException {
    Path real;
    try {
      real = path.toRealPath();
    } catch (IOException e) {
      throw new PluginRefusedException(what + " " + path + " cannot be resolved (" + e
          + "); replace a dangling link with the file itself", e);
    }
    if (!real.startsWith(root)) {
      throw new PluginRefusedException(what + " " + path + " resolves to " + real
          + ", outside the plugins directory " + root + "; " + fix);
    }
    return real;
  }

  private static void vet(Path root, Path jar) throws PluginRefusedException {
    if (!Files.isRegularFile(jar)) {
      throw new PluginRefusedException("jar " + jar + " is not a regular file; replace it with a jar file");
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      Enumeration<JarEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        String entry = entries.nextElement().getName();
        if (entry.startsWith("/") || Path.of(entry).normalize().startsWith("..")) {
          throw new PluginRefusedException("jar " + jar + " has the entry '" + entry
              + "', which points outside the jar; rebuild the jar without it");
        }
      }
      vetClassPath(root, jar, file.getManifest());
    } catch (IOException e) {
      throw new PluginRefusedException("cannot open jar " + jar + " (" + e + "); replace it with a valid jar", e);
    }
  }

  private static void vetClassPath(Path root, Path jar, Manifest manifest) throws PluginRefusedException {
    String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
    if (classPath == null || classPath.isBlank()) {
      return;
    }
    for (String entry : classPath.trim().split("\\s+")) {
      Path target = referenced(jar, entry);
      if (target == null || !target.startsWith(root)) {
        throw new PluginRefusedException("jar " + jar + " lists '" + entry + "' in its manifest Class-Path, "
            + "which is outside the plugins directory " + root + "; put that jar into the plugin directory and "
            + "refer to it by its file name, or drop the Class-Path attribute");
      }
    }
  }

  /** Where a manifest Class-Path entry of {@code jar} points, or null when it is not a local file. */
  private static Path referenced(Path jar, String entry) {
    try {
      URI target = jar.toUri().resolve(entry);
      if (!"file".equals(target.getScheme())) {
        return null;
      }
      Path path = Path.of(target).normalize();
      return Files.exists(path) ? path.toRealPath() : path;
    } catch (IllegalArgumentException | IOException e) {
      return null;
    }
  }
}
