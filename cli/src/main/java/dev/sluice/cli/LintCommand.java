package dev.sluice.cli;

import dev.sluice.api.Problem;
import dev.sluice.api.definition.StreamDefinition;
import dev.sluice.cli.StreamFiles.FileResult;
import dev.sluice.definitions.DefinitionReader;
import dev.sluice.definitions.ReadResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice lint}: validates stream files and prints every problem like a compiler. */
@Command(
    name = "lint",
    description = {
      "Checks stream definitions without running them.",
      "Prints every problem as FILE:LINE:COLUMN: PATH: MESSAGE; exits 1 when there is any."
    })
final class LintCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE|DIR", arity = "1..*",
      description = "Stream files, or directories searched for *.yaml and *.yml.")
  List<Path> paths;

  @Mixin PluginsOption plugins;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Path> files = StreamFiles.find(paths);
    // Lint prints problems like a compiler: INFO lines (plugins loaded) stay off the terminal.
    try (BootLogging quiet = new BootLogging();
        InstalledComponents installed = plugins.load(spec.commandLine().getErr()::println)) {
      return lint(out, files, new DefinitionReader(installed.catalog()));
    }
  }

  private int lint(PrintWriter out, List<Path> files, DefinitionReader reader) {
    Map<String, String> seen = new HashMap<>();
    int problems = 0;
    int streams = 0;
    int badFiles = 0;
    for (FileResult file : StreamFiles.read(files, reader)) {
      int before = problems;
      if (file.documents().isEmpty()) {
        out.println(file.file() + ": no stream documents in this file");
      }
      for (ReadResult document : file.documents()) {
        for (Problem p : document.problems()) {
          out.println(format(file.file(), p));
          problems++;
        }
        if (document.isValid()) {
          StreamDefinition d = document.definition();
          String where = file.file() + ":" + document.line();
          String first = seen.putIfAbsent(d.id(), where);
          if (first != null) {
            out.println(where + ":1: metadata.name: stream " + d.id() + " is already defined at " + first
                + "; give one of them another name or namespace");
            problems++;
          }
          streams++;
        }
      }
      badFiles += problems > before ? 1 : 0;
    }
    if (problems == 0) {
      out.println("ok: " + streams + " stream" + (streams == 1 ? "" : "s") + " in " + files.size()
          + " file" + (files.size() == 1 ? "" : "s") + ", no problems");
      return 0;
    }
    out.println(problems + " problem" + (problems == 1 ? "" : "s") + " in " + badFiles + " of "
        + files.size() + " file" + (files.size() == 1 ? "" : "s"));
    return 1;
  }

  private static String format(Path file, Problem p) {
    String where = p.hasPosition() ? file + ":" + p.line() + ":" + p.column() : file.toString();
    return where + ": " + (p.path().isEmpty() ? "" : p.path() + ": ") + p.message();
  }
}
