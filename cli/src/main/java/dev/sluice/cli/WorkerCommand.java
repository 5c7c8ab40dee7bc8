package dev.sluice.cli;

import dev.sluice.api.component.ComponentContext;
import dev.sluice.dataplane.worker.RegistryTls;
import dev.sluice.dataplane.worker.Worker;
import dev.sluice.dataplane.worker.WorkerConfig;
import dev.sluice.definitions.DefinitionReader;
import dev.sluice.expression.JsonataLanguage;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice worker}: joins a control plane and runs the stream instances assigned to it. */
@Command(
    name = "worker",
    description = {
      "Runs a worker: registers with the control plane and runs the stream instances assigned to it.",
      "The join token is read from SLUICE_JOIN_TOKEN when not given."
    })
final class WorkerCommand implements Callable<Integer> {

  @Option(names = "--control-plane", required = true, paramLabel = "HOST:PORT",
      description = "The control plane's worker registry, e.g. sluice-coordinator:7070.")
  String controlPlane;

  @Option(names = "--name", paramLabel = "NAME",
      description = "Stable worker name (default: the host name); a restarted worker with the same name keeps its "
          + "identity.")
  String name;

  @Option(names = "--join-token", paramLabel = "TOKEN", defaultValue = "${env:SLUICE_JOIN_TOKEN}",
      description = "Secret the control plane expects (default: $SLUICE_JOIN_TOKEN).")
  String joinToken;

  @Option(names = "--capacity", paramLabel = "N", defaultValue = "32",
      description = "Stream instances this worker is willing to run (default: ${DEFAULT-VALUE}).")
  int capacity;

  @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "./data/worker",
      description = "Local state of Kafka Streams (default: ${DEFAULT-VALUE}); may be lost, it is rebuilt from Kafka.")
  Path stateDir;

  @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9400",
      description = "Port of the worker's Prometheus /metrics (default: ${DEFAULT-VALUE}; -1 for none).")
  int metricsPort;

  @Option(names = "--ingest-port", paramLabel = "PORT", defaultValue = "8081",
      description = "Port where http_server inputs receive records, shared by all streams (default: ${DEFAULT-VALUE}).")
  int ingestPort;

  @Option(names = "--file-root", paramLabel = "DIR",
      description = "The directory file inputs and outputs may use (default: none, and they refuse to start).")
  Path fileRoot;

  @Mixin PluginsOption plugins;

  @Option(names = "--tls-ca", paramLabel = "PEM",
      description = "Connect to the control plane over TLS, trusting these CA certificates.")
  Path tlsCa;

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "Client certificate chain, for mutual TLS.")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key of --tls-cert, for mutual TLS.")
  Path tlsKey;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    CoordinatorCommand.require(joinToken, "--join-token", "SLUICE_JOIN_TOKEN");
    String host = hostName();
    String workerName = name != null ? name : host;
    InstalledComponents installed = plugins.load(out::println);
    Worker worker = new Worker(new WorkerConfig(controlPlane, workerName, joinToken, capacity, stateDir, host,
        Versions.current(), metricsPort, tls(), componentSettings()),
        installed.components(), new JsonataLanguage(), new DefinitionReader(installed.catalog()));
    out.println("Worker " + workerName + " joining the control plane at " + controlPlane + "...");
    out.flush();
    try {
      worker.start();
    } catch (UncheckedIOException e) {
      throw new UserError(e.getMessage(), e);
    }
    out.println("Worker " + workerName + " running as " + worker.id() + ". Stop with Ctrl-C or SIGTERM.");
    out.flush();
    RunUntilStopped.await(out, "Worker stopped; its instances move to other workers.", () -> {
      worker.close();
      installed.close();
    });
    return 0;
  }

  private Map<String, String> componentSettings() {
    Map<String, String> settings = new HashMap<>();
    settings.put(ComponentContext.INGEST_PORT, Integer.toString(ingestPort));
    if (fileRoot != null) {
      settings.put(ComponentContext.FILE_ROOT, fileRoot.toAbsolutePath().normalize().toString());
    }
    return settings;
  }

  private RegistryTls tls() {
    if (tlsCa == null) {
      if (tlsCert != null || tlsKey != null) {
        throw new UserError("--tls-cert and --tls-key need --tls-ca, the CA that signs the control plane");
      }
      return null;
    }
    try {
      return new RegistryTls(tlsCa, tlsCert, tlsKey);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
