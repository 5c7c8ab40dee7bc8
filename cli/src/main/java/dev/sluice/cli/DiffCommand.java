package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice diff}: what {@code sluice apply} would change, as unified diffs. */
@Command(
    name = "diff",
    description = {
      "Prints a unified diff (canonical YAML) of every stream that applying the files would create,",
      "update or, with --prune, delete. Changes nothing.",
      "Exit codes: 0 no changes, 1 changes, 2 refused or failed (invalid files, no access...)."
    })
final class DiffCommand implements Callable<Integer> {

  @Mixin ApplySetOptions set;

  @Mixin ServerOptions server;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JsonNode plan = server.client().post("/api/v1/apply", set.request(true));
    PlanPrinter.diffs(spec.commandLine().getOut(), plan);
    return plan.path("summary").path("changes").asLong() > 0 ? 1 : 0;
  }
}
