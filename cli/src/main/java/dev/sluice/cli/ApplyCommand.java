package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice apply}: makes the streams of an apply set what its files say. */
@Command(
    name = "apply",
    description = {
      "Creates and updates the streams the files define, in one transaction, as one apply set;",
      "with --prune also deletes the set's streams no file names any more. Streams changed outside",
      "the set since it applied them (drift) are held back unless --force. Every file is validated",
      "first: one invalid document and nothing is applied.",
      "Exit codes: 0 applied, 1 some changes held back by drift, 2 refused or failed (nothing applied)."
    })
final class ApplyCommand implements Callable<Integer> {

  @Mixin ApplySetOptions set;

  @Option(names = "--dry-run", description = "Show what would change; change nothing.")
  boolean dryRun;

  @Mixin ServerOptions server;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JsonNode plan = server.client().post("/api/v1/apply", set.request(dryRun));
    PlanPrinter.lines(spec.commandLine().getOut(), plan);
    return plan.path("summary").path("heldBack").asLong() > 0 ? 1 : 0;
  }
}
