package dev.sluice.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice delete}: deletes streams; their revisions are kept. */
@Command(name = "delete", description = {
    "Deletes streams (their revisions are kept, and an apply set that still names one creates it again).",
    "Exit codes: 0 deleted, 2 refused or failed (the streams before it were deleted)."})
final class DeleteCommand implements Callable<Integer> {

  @Parameters(paramLabel = "NS/NAME", arity = "1..*", description = "The streams, as namespace/name.")
  List<String> ids;

  @Mixin ServerOptions server;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    List<String> paths = ids.stream().map(StreamPath::of).toList();
    ApiClient api = server.client();
    PrintWriter out = spec.commandLine().getOut();
    for (int i = 0; i < ids.size(); i++) {
      api.delete(paths.get(i));
      out.println("deleted " + ids.get(i));
    }
    return 0;
  }
}
