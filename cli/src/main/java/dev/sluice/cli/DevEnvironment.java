package dev.sluice.cli;

import dev.sluice.api.definition.StreamDefinition;
import dev.sluice.cli.StreamFiles.FileResult;
import dev.sluice.definitions.ComponentCatalog;
import dev.sluice.definitions.DefinitionReader;
import dev.sluice.definitions.ReadResult;
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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code sluice dev} runs on one machine, started in order and stopped in reverse:
 * a Kafka broker and a Postgres server with their data under one directory, the admin token, and
 * the example streams.
 */
final class DevEnvironment implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DevEnvironment.class);

  /** Database of the control plane inside the embedded Postgres. */
  static final String DATABASE = "sluice";

  /** What to start, and where. */
  record Settings(Path dataDir, int kafkaPort, int postgresPort, Path examples) {}

  private final FileChannel lockFile;
  private final List<AutoCloseable> started = new ArrayList<>();
  private EmbeddedKafka kafka;
  private EmbeddedPostgres postgres;
  private String databaseUrl;
  private String adminToken;
  private List<StreamDefinition> examples = List.of();

  private DevEnvironment(FileChannel lockFile) {
    this.lockFile = lockFile;
  }

  /** Starts every part, printing one progress line per step; on failure stops what did start. */
  static DevEnvironment start(Settings settings, PrintWriter out) {
    DevEnvironment env = new DevEnvironment(lock(settings.dataDir()));
    try {
      env.boot(settings, new BootProgress(out, 4));
      return env;
    } catch (RuntimeException e) {
      env.close();
      throw e;
    }
  }

  private void boot(Settings settings, BootProgress progress) {
    Path data = settings.dataDir();
    kafka = progress.step("Kafka", () -> onPort(() -> EmbeddedKafka.builder()
        .dataDir(data.resolve("kafka")).port(settings.kafkaPort()).start(), "--kafka-port"),
        k -> k.bootstrapServers());
    started.add(kafka);
    postgres = progress.step("Postgres", () -> onPort(() -> EmbeddedPostgres.builder()
        .dataDir(data.resolve("pg")).port(settings.postgresPort()).start(), "--postgres-port"),
        p -> "port " + p.port());
    started.add(postgres);
    databaseUrl = postgres.createDatabase(DATABASE);
    adminToken = progress.step("Token", () -> AdminToken.loadOrCreate(tokenFile(data)),
        t -> tokenFile(data).toString());
    examples = progress.step("Examples", () -> readExamples(settings.examples()),
        list -> list.size() + " valid stream" + (list.size() == 1 ? "" : "s") + " in " + settings.examples());
  }

  private static <T> T onPort(Supplier<T> start, String option) {
    try {
      return start.get();
    } catch (PortInUseException e) {
      throw new UserError(e.component() + " port " + e.port() + " is in use; stop what holds it, or pass "
          + option + " with another port", e);
    }
  }

  private static List<StreamDefinition> readExamples(Path dir) {
    if (!Files.isDirectory(dir)) {
      log.warn("no examples directory at {}; starting without example streams", dir);
      return List.of();
    }
    DefinitionReader reader = new DefinitionReader(ComponentCatalog.load(DevEnvironment.class.getClassLoader()));
    List<StreamDefinition> valid = new ArrayList<>();
    for (FileResult file : StreamFiles.read(StreamFiles.find(List.of(dir)), reader)) {
      for (ReadResult document : file.documents()) {
        document.validDefinition().ifPresent(valid::add);
        document.problems().forEach(p -> log.warn("{}:{}:{}: {}: {}", file.file(), p.line(), p.column(),
            p.path(), p.message()));
      }
    }
    return valid;
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

  EmbeddedPostgres postgres() {
    return postgres;
  }

  /** JDBC URL of the control plane's database. */
  String databaseUrl() {
    return databaseUrl;
  }

  String adminToken() {
    return adminToken;
  }

  List<StreamDefinition> examples() {
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
