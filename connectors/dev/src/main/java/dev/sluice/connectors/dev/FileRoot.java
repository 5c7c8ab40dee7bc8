package dev.sluice.connectors.dev;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The directory the {@code file} input and output may use on a worker, named by the worker
 * setting {@value #SETTING}.
 *
 * <p>Why a root at all: whoever may save a stream could otherwise read any file the worker can
 * (its keys and tokens) and append to any (a shell profile runs a JSON string line such as {@code
 * "$(curl ...)"}). So paths are resolved against the root and must stay inside it, after {@code
 * ..} and symbolic links; a worker without the setting runs no file component at all.
 *
 * <p>Stateless; safe from any thread.
 */
final class FileRoot {

  /** The worker setting that names the directory, such as {@code /var/lib/sluice/files}. */
  static final String SETTING = ComponentContext.FILE_ROOT;

  private FileRoot() {}

  /**
   * Resolves {@code path} (relative to the root, or absolute inside it) for the component of
   * {@code context}.
   *
   * @throws ConfigException when the worker has no root, or the path leads outside it
   */
  static Path resolve(ComponentContext context, String path) throws ConfigException {
    Optional<String> root = context.workerSetting(SETTING);
    if (root.isEmpty() || root.get().isBlank()) {
      throw problem(path, "file components are disabled on this worker: start it with the worker "
          + "setting " + SETTING + "=<directory>, and give paths inside that directory");
    }
    try {
      Path base = Path.of(root.get()).toAbsolutePath().normalize();
      Path resolved = base.resolve(path).normalize();
      if (!resolved.startsWith(base) || !realPathInside(resolved, base)) {
        throw problem(path, "'" + path + "' leads outside the directory file components may use ("
            + base + "); give a path inside it");
      }
      return resolved;
    } catch (InvalidPathException e) {
      throw problem(path, "'" + path + "' is not a valid path: " + e.getReason());
    }
  }

  /**
   * Whether the deepest existing part of {@code path}, which lies under {@code base}, is still
   * under it with symbolic links followed.
   */
  private static boolean realPathInside(Path path, Path base) throws ConfigException {
    try {
      Path existing = path;
      while (!existing.equals(base) && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      return !Files.exists(existing) || existing.toRealPath().startsWith(base.toRealPath());
    } catch (IOException e) {
      throw problem(path.toString(), "cannot resolve '" + path + "': " + e.getMessage());
    }
  }

  private static ConfigException problem(String path, String message) {
    return new ConfigException(List.of(Problem.at("path", path, message)));
  }
}
