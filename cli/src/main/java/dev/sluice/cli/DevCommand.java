package dev.sluice.cli;

import dev.sluice.api.definition.StreamDefinition;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
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

  @Option(names = "--postgres-port", paramLabel = "PORT", defaultValue = "15432",
      description = "Port of the Postgres server (default: ${DEFAULT-VALUE}; not 5432, to leave a local Postgres be).")
  int postgresPort;

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
    DevEnvironment env = DevEnvironment.start(
        new DevEnvironment.Settings(dataDir, kafkaPort, postgresPort, examplesDir), out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      out.println();
      out.println("Stopping...");
      out.flush();
      env.close();
      out.println("Stopped. Data kept in " + dataDir + "; start again to continue.");
      out.flush();
      stopped.countDown();
    }, "sluice-dev-shutdown"));
    printSummary(out, env, dataDir);
    stopped.await();
    return 0;
  }

  private static void printSummary(PrintWriter out, DevEnvironment env, Path dataDir) {
    out.println();
    out.println("Sluice dev is running.");
    out.println("  Kafka bootstrap   " + env.kafka().bootstrapServers());
    out.println("  Postgres          " + env.databaseUrl());
    out.println("  Admin token       " + DevEnvironment.tokenFile(dataDir) + "  (export SLUICE_TOKEN=$(cat "
        + DevEnvironment.tokenFile(dataDir) + "))");
    for (StreamDefinition d : env.examples()) {
      out.println("  Example stream    " + d.id() + " (" + d.spec().input().type() + " -> "
          + d.spec().processors().size() + " processor(s) -> " + d.spec().output().type() + ")");
    }
    out.println("  Not yet in this build: the control plane (REST API and UI) and workers, so the");
    out.println("  example streams are validated but not run.");
    out.println();
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }
}
