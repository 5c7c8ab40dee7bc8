package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice plugins}: the components a control plane knows, as a table. */
@Command(name = "plugins", description = "Lists the inputs, processors and outputs the control plane can validate.")
final class PluginsCommand implements Callable<Integer> {

  @Mixin ServerOptions server;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    TextTable table = new TextTable("KIND", "NAME", "SUMMARY");
    for (JsonNode plugin : server.client().get("/api/v1/plugins").path("items")) {
      table.row(plugin.path("kind").asText(), plugin.path("name").asText(), plugin.path("summary").asText());
    }
    table.print(spec.commandLine().getOut());
    return 0;
  }
}
