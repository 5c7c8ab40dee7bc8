package dev.sluice.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creating and deleting the data directories of the embedded servers. */
final class Directories {

  private static final Logger log = LoggerFactory.getLogger(Directories.class);

  private Directories() {
  }

  /** Creates {@code dir} and its parents if missing and returns it. */
  static Path create(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create directory " + dir, e);
    }
  }

  /** Returns {@code java.io.tmpdir}, creating it first if it is missing (a fresh container may lack it). */
  static Path tempRoot() {
    return create(Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** Creates a new directory under {@link #tempRoot()}. */
  static Path createTemp(String prefix) {
    try {
      return Files.createTempDirectory(tempRoot(), prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }

  /** Deletes {@code path} and everything below it; logs instead of failing when that is impossible. */
  static void deleteQuietly(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(path)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      log.warn("could not delete {}", path, e);
    }
  }
}
