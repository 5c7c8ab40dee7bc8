package dev.sluice.cli;

import dev.sluice.api.component.ComponentContext;
import dev.sluice.controlplane.ControlPlane;
import dev.sluice.controlplane.ControlPlaneConfig;
import dev.sluice.controlplane.auth.Principal;
import dev.sluice.controlplane.auth.Role;
import dev.sluice.dataplane.pipeline.Components;
import dev.sluice.dataplane.worker.Worker;
import dev.sluice.dataplane.worker.WorkerConfig;
import dev.sluice.definitions.ComponentCatalog;
import dev.sluice.definitions.DefinitionReader;
import dev.sluice.expression.JsonataLanguage;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.PortInUseException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code sluice dev} runs on one machine, started in order and stopped in reverse: a
 * Kafka broker and a Postgres server with their data under one directory, the control plane, one
 * worker, the admin token, the secret the examples refer to (created once, kept if changed), and
 * the example streams.
 */
final class DevEnvironment implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DevEnvironment.class);

  /** Database of the control plane inside the embedded Postgres. */
  static final String DATABASE = "sluice";
  static final String WORKER_NAME = "dev-worker-1";
  /** The secret examples/webhooks.yaml refers to, and its value, which the README's curl sends. */
  static final String WEBHOOK_SECRET = "webhook-token";
  static final String WEBHOOK_TOKEN = "dev-webhook-token-change-me";
  private static final String EXAMPLES_NAMESPACE = "examples";

  /** What to start, and where; {@code plugins} is a plugins directory (docs/plugins.md). */
  record Settings(Path dataDir, int kafkaPort, int postgresPort, int httpPort, int ingestPort, Path examples,
      Path plugins) {}

  private final FileChannel lockFile;
  private final List<AutoCloseable> started = new ArrayList<>();
  private EmbeddedKafka kafka;
  private String databaseUrl;
  private ControlPlane controlPlane;
  private String adminToken;
  private ExampleStreams.Applied examples;

  private DevEnvironment(FileChannel lockFile) {
    this.lockFile = lockFile;
  }

  /** Starts every part, printing one progress line per step; on failure stops what did start. */
  static DevEnvironment start(Settings settings, PrintWriter out) {
    DevEnvironment env = new DevEnvironment(lock(settings.dataDir()));
    try {
      env.boot(settings, new BootProgress(out, 5));
      return env;
    } catch (RuntimeException e) {
      env.close();
      throw e;
    }
  }

  private void boot(Settings settings, BootProgress progress) {
    Path data = settings.dataDir();
    InstalledComponents installed = add(InstalledComponents.load(settings.plugins(), log::warn));
    ComponentCatalog catalog = installed.catalog();
    DefinitionReader reader = new DefinitionReader(catalog);
    kafka = add(progress.step("Kafka", () -> onPort(() -> EmbeddedKafka.builder()
        .dataDir(data.resolve("kafka")).port(settings.kafkaPort()).start(), "--kafka-port"),
        EmbeddedKafka::bootstrapServers));
    EmbeddedPostgres postgres = add(progress.step("Postgres", () -> onPort(() -> EmbeddedPostgres.builder()
        .dataDir(data.resolve("pg")).port(settings.postgresPort()).start(), "--postgres-port"),
        p -> "port " + p.port()));
    databaseUrl = postgres.createDatabase(DATABASE);
    String joinToken = DevSecrets.loadOrCreate(data.resolve("join.token"));
    controlPlane = add(progress.step("Control plane", () -> onPort(() -> ControlPlane.start(new ControlPlaneConfig(
        databaseUrl, null, null, kafka.bootstrapServers(), (short) 1, "127.0.0.1", settings.httpPort(), 0,
        joinToken, DevSecrets.loadOrCreateKey(data.resolve("secret.key")), Duration.ofSeconds(10),
        Duration.ofSeconds(3), null), catalog, new EngineSampleRunner(installed.components())), "--http-port"),
        cp -> "REST on port " + cp.httpPort() + ", workers on port " + cp.grpcPort()));
    adminToken = DevSecrets.loadOrCreate(tokenFile(data));
    controlPlane.tokens().ensureToken("admin", adminToken, Role.ADMIN, List.of(Principal.ALL_NAMESPACES));
    add(progress.step("Worker", () -> startWorker(settings, joinToken, installed.components(), reader),
        w -> WORKER_NAME + ", metrics on port " + w.metricsPort() + ", ingest on port " + settings.ingestPort()));
    if (!controlPlane.secrets().names(EXAMPLES_NAMESPACE).contains(WEBHOOK_SECRET)) {
      controlPlane.secrets().put(EXAMPLES_NAMESPACE, WEBHOOK_SECRET, WEBHOOK_TOKEN, "sluice-dev");
    }
    examples = progress.step("Examples", () -> ExampleStreams.apply(settings.examples(), reader, controlPlane.streams()),
        a -> a.total() + " streams from " + settings.examples() + " (" + a.created().size() + " created, "
            + a.updated().size() + " updated, " + a.unchanged().size() + " unchanged"
            + (a.invalid().isEmpty() ? "" : ", " + a.invalid().size() + " invalid: see the log") + ")");
  }

  private Worker startWorker(Settings settings, String joinToken, Components components, DefinitionReader reader) {
    Worker worker = new Worker(new WorkerConfig("127.0.0.1:" + controlPlane.grpcPort(), WORKER_NAME, joinToken, 64,
        settings.dataDir().resolve("worker"), "localhost", Versions.current(), 0, null,
        Map.of(ComponentContext.INGEST_PORT, Integer.toString(settings.ingestPort()),
            ComponentContext.FILE_ROOT, fileRoot(settings.dataDir()).toString())),
        components, new JsonataLanguage(), reader);
    try {
      worker.start();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while the worker registered", e);
    }
    return worker;
  }

  private <T extends AutoCloseable> T add(T part) {
    started.add(part);
    return part;
  }

  private static <T> T onPort(Supplier<T> start, String option) {
    try {
      return start.get();
    } catch (PortInUseException e) {
      throw new UserError(e.component() + " port " + e.port() + " is in use; stop what holds it, or pass "
          + option + " with another port", e);
    } catch (IllegalStateException e) {
      if (e.getMessage() != null && e.getMessage().contains("Failed to bind")) {
        throw new UserError(e.getMessage() + "; pass " + option + " with another port", e);
      }
      throw e;
    }
  }

  /** Where file inputs and outputs of {@code sluice dev} read and write. */
  static Path fileRoot(Path dataDir) {
    Path files = dataDir.resolve("files");
    try {
      return Files.createDirectories(files);
    } catch (IOException e) {
      throw new UserError("cannot create " + files + " for file inputs and outputs: " + e.getMessage(), e);
    }
  }

  static Path tokenFile(Path dataDir) {
    return dataDir.resolve("admin.token");
  }

  private static FileChannel lock(Path dataDir) {
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDir);
      channel = FileChannel.open(dataDir.resolve("dev.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      if (channel.tryLock() != null) {
        return channel;
      }
    } catch (OverlappingFileLockException e) {
      // held by this JVM: the same answer as for another process
    } catch (IOException e) {
      throw new UserError("cannot use " + dataDir + " as the data directory: " + e.getMessage(), e);
    }
    closeQuietly(channel);
    throw new UserError("another sluice dev is already using " + dataDir
        + "; stop it first, or pass --data-dir with another directory");
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("closing the lock file failed", e);
    }
  }

  EmbeddedKafka kafka() {
    return kafka;
  }

  /** JDBC URL of the control plane's database. */
  String databaseUrl() {
    return databaseUrl;
  }

  int httpPort() {
    return controlPlane.httpPort();
  }

  String adminToken() {
    return adminToken;
  }

  ExampleStreams.Applied examples() {
    return examples;
  }

  /** Stops every part in reverse order of start and releases the data directory. */
  @Override
  public synchronized void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        log.warn("could not stop {} cleanly", started.get(i), e);
      }
    }
    started.clear();
    closeQuietly(lockFile);
  }
}
