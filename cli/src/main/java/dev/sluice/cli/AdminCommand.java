package dev.sluice.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice admin}: maintenance of a running installation through its REST API. */
@Command(name = "admin", description = "Maintenance of a running Sluice installation.",
    subcommands = AdminCommand.Republish.class)
final class AdminCommand {

  /** {@code sluice admin republish}: rebuilds the compacted control topics from Postgres. */
  @Command(name = "republish", description = {
      "Rewrites every stream's current revision and every assignment to the control topics,",
      "from Postgres (the source of truth); for example after the topics were lost."})
  static final class Republish implements Callable<Integer> {

    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:SLUICE_SERVER:-http://localhost:8080}",
        description = "The control plane (default: $SLUICE_SERVER, else ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:SLUICE_TOKEN}",
        description = "An admin API token (default: $SLUICE_TOKEN).")
    String token;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
      CoordinatorCommand.require(token, "--token", "SLUICE_TOKEN");
      HttpRequest request = HttpRequest.newBuilder(URI.create(server.replaceAll("/+$", "") + "/api/v1/admin/republish"))
          .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build();
      HttpResponse<String> response;
      try {
        response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      } catch (ConnectException e) {
        throw new UserError("cannot reach the control plane at " + server + "; is it running? (--server)", e);
      } catch (IOException e) {
        throw new UserError("the request to " + server + " failed: " + e.getMessage(), e);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (response.statusCode() != 200) {
        spec.commandLine().getErr().println("sluice: republish refused (HTTP " + response.statusCode() + "): "
            + response.body());
        return UserErrorHandler.EXIT_ERROR;
      }
      out.println("republished: " + response.body());
      return 0;
    }
  }
}
