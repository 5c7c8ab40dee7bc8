package dev.sluice.cli;

import dev.sluice.cli.StreamFiles.FileResult;
import dev.sluice.controlplane.store.ConflictException;
import dev.sluice.controlplane.streams.StreamService;
import dev.sluice.definitions.DefinitionReader;
import dev.sluice.definitions.DefinitionWriter;
import dev.sluice.definitions.ReadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the stream files of a directory through the control plane: creates what is missing,
 * updates what changed, leaves the rest as it is.
 */
final class ExampleStreams {

  private static final Logger log = LoggerFactory.getLogger(ExampleStreams.class);
  private static final String ACTOR = "sluice dev";

  /** What one apply did. */
  record Applied(List<String> created, List<String> updated, List<String> unchanged, List<String> invalid) {
    int total() {
      return created.size() + updated.size() + unchanged.size();
    }
  }

  private ExampleStreams() {}

  static Applied apply(Path dir, DefinitionReader reader, StreamService streams) {
    Applied applied = new Applied(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    if (!Files.isDirectory(dir)) {
      log.warn("no examples directory at {}; starting without example streams", dir);
      return applied;
    }
    for (FileResult file : StreamFiles.read(StreamFiles.find(List.of(dir)), reader)) {
      // A file with one document is stored as written, comments and all; several are split.
      String whole = file.documents().size() == 1 ? file.text() : null;
      for (ReadResult document : file.documents()) {
        if (!document.isValid()) {
          document.problems().forEach(p -> log.warn("{}:{}:{}: {}: {}", file.file(), p.line(), p.column(), p.path(),
              p.message()));
          applied.invalid().add(file.file().toString());
          continue;
        }
        var d = document.definition();
        String text = whole != null ? whole : DefinitionWriter.toJson(d);
        try {
          streams.create(text, ACTOR);
          applied.created().add(d.id());
        } catch (ConflictException exists) {
          boolean changed = streams.update(d.metadata().namespace(), d.metadata().name(), text, null, ACTOR).changed();
          (changed ? applied.updated() : applied.unchanged()).add(d.id());
        }
      }
    }
    return applied;
  }
}
