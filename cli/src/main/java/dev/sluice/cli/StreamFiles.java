package dev.sluice.cli;

import dev.sluice.definitions.DefinitionReader;
import dev.sluice.definitions.ReadResult;
import dev.sluice.definitions.StreamFileNames;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Finds stream files ({@code *.yaml}, {@code *.yml}) under the paths a user names, and reads them. */
final class StreamFiles {

  /** One file: its text and the documents read from it. */
  record FileResult(Path file, String text, List<ReadResult> documents) {}

  private StreamFiles() {}

  /**
   * Every file named, and every stream file ({@link StreamFileNames}) found below the named
   * directories, in a stable order.
   */
  static List<Path> find(List<Path> paths) {
    return find(paths, StreamFileNames::isStreamFile);
  }

  /** Every file named, and every file whose name is {@code wanted} below the named directories. */
  static List<Path> find(List<Path> paths, Predicate<String> wanted) {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isRegularFile(path)) {
        files.add(path);
      } else if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile).filter(f -> wanted.test(f.getFileName().toString()))
              .sorted().forEach(files::add);
        } catch (IOException e) {
          throw new UserError("cannot list " + path + ": " + e.getMessage(), e);
        }
      } else {
        throw new UserError("no such file or directory: " + path);
      }
    }
    return files;
  }

  /** Reads and validates every document of every file. */
  static List<FileResult> read(List<Path> files, DefinitionReader reader) {
    return files.stream().map(f -> {
      String text = text(f);
      return new FileResult(f, text, reader.readAll(f.toString(), text));
    }).toList();
  }

  /** The text of a stream file, which must be UTF-8. */
  static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      throw new UserError("cannot read " + file + ": it is not UTF-8 text; save it as UTF-8", e);
    } catch (IOException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
