package dev.sluice.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice dev}: the whole system on one machine, on embedded Kafka and Postgres. */
@Command(
    name = "dev",
    description = {
      "Runs Sluice on this machine with an embedded Kafka broker and Postgres server.",
      "Data is kept in the data directory, so a second start continues where the first stopped.",
      "Stop with Ctrl-C."
    })
final class DevCommand implements Callable<Integer> {

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./data",
      description = "Where Kafka, Postgres and the admin token keep their data (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092",
      description = "Port of the Kafka broker (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080",
      description = "Port of the REST API (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(names = "--postgres-port", paramLabel = "PORT", defaultValue = "15432",
      description = "Port of the Postgres server (default: ${DEFAULT-VALUE}; not 5432, to leave a local Postgres be).")
  int postgresPort;

  @Option(names = "--ingest-port", paramLabel = "PORT", defaultValue = "8081",
      description = "Port where http_server inputs receive records (default: ${DEFAULT-VALUE}).")
  int ingestPort;

  @Mixin PluginsOption plugins;

  @Option(names = "--examples", paramLabel = "DIR",
      description = "Stream files to load at start (default: the examples directory of the Sluice installation).")
  Path examples;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Path dataDir = this.dataDir.toAbsolutePath().normalize();
    Path examplesDir = examples != null ? examples : Path.of(System.getenv().getOrDefault("SLUICE_HOME", "."), "examples");
    out.println("Starting Sluice dev in " + dataDir);
    DevEnvironment env;
    try (BootLogging quiet = new BootLogging()) {
      env = DevEnvironment.start(new DevEnvironment.Settings(dataDir, kafkaPort, postgresPort, httpPort, ingestPort,
          examplesDir, plugins.dir), out);
    }
    printSummary(out, env, dataDir);
    RunUntilStopped.await(out, "Stopped. Data kept in " + dataDir + "; start again to continue.", env);
    return 0;
  }

  private static void printSummary(PrintWriter out, DevEnvironment env, Path dataDir) {
    String api = "http://localhost:" + env.httpPort();
    Path token = DevEnvironment.tokenFile(dataDir);
    out.println();
    out.println("Sluice dev is running.");
    out.println("  REST API          " + api + "/api/v1  (OpenAPI: " + api + "/api/v1/openapi.json)");
    out.println("  Web UI            " + api + "/  (sign in with the admin token)");
    out.println("  Admin token       " + token);
    out.println("  Kafka bootstrap   " + env.kafka().bootstrapServers());
    out.println("  Postgres          " + env.databaseUrl());
    for (String id : env.examples().created()) {
      out.println("  Example stream    " + id + " (created)");
    }
    for (String id : Stream.concat(env.examples().updated().stream(), env.examples().unchanged().stream()).toList()) {
      out.println("  Example stream    " + id);
    }
    out.println();
    out.println("Try:");
    out.println("  export SLUICE_TOKEN=$(cat " + token + ")");
    out.println("  curl -s -H \"Authorization: Bearer $SLUICE_TOKEN\" " + api + "/api/v1/streams");
    out.println("  ./sluice get streams --server " + api);
    env.examples().created().stream().findFirst().or(() -> env.examples().unchanged().stream().findFirst())
        .ifPresent(id -> out.println("  curl -s -H \"Authorization: Bearer $SLUICE_TOKEN\" " + api
            + "/api/v1/streams/" + id + "/status"));
    out.println();
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }
}
