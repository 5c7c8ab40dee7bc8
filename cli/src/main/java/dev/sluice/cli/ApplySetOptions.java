package dev.sluice.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options {@code sluice apply} and {@code sluice diff} share, mixed in with picocli's {@code
 * @Mixin}: which files make the set, its id, prune and force; and the request body they make.
 */
final class ApplySetOptions {

  @Option(names = {"-f", "--filename"}, paramLabel = "FILE|DIR", required = true,
      description = "Stream files, or directories searched (recursively) for *.yaml and *.yml; repeatable.")
  List<Path> paths;

  @Option(names = "--apply-set", paramLabel = "ID",
      description = "The apply set the files are; only its streams are pruned (default: the name of the "
          + "first -f directory, or of the directory of the first -f file, in lower case).")
  String applySet;

  @Option(names = "--prune", description = "Delete the streams of the apply set that no file names any more.")
  boolean prune;

  @Option(names = "--force", description = "Overwrite (or prune) streams changed outside the apply set since "
      + "it applied them, and take over streams of other apply sets.")
  boolean force;

  /** The body of {@code POST /api/v1/apply}: every file's text, named by its path. */
  Map<String, Object> request(boolean dryRun) {
    List<Path> files = StreamFiles.find(paths);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("applySet", applySet != null ? applySet : defaultApplySet(paths.get(0)));
    body.put("documents", files.stream().map(f -> Map.of("source", f.toString(), "text", StreamFiles.text(f)))
        .toList());
    body.put("dryRun", dryRun);
    body.put("prune", prune);
    body.put("force", force);
    return body;
  }

  /**
   * The directory's name for a directory, else the name of the file's directory; lower case, with
   * every character an apply set id may not hold replaced by '-'.
   */
  static String defaultApplySet(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path dir = Files.isDirectory(absolute) ? absolute : absolute.getParent();
    String name = dir == null || dir.getFileName() == null ? "default" : dir.getFileName().toString();
    String id = name.toLowerCase(Locale.ROOT).replaceAll("[^-a-z0-9_.]", "-")
        .replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
    return id.isEmpty() ? "default" : id;
  }
}
