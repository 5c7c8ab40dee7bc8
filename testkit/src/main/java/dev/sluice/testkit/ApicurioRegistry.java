package dev.sluice.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry server (3.x, Quarkus), started as a child process from its unpacked
 * Maven distribution ({@code io.apicurio:apicurio-registry-app:<version>:tar.gz:all}), storing
 * schemas in memory (H2).
 *
 * <p>The distribution's directory (the one holding {@code quarkus-run.jar}) comes from {@link
 * Builder#home(Path)} or else the system property {@value #HOME_PROPERTY}, which the build of
 * modules whose tests need a registry sets (they unpack the distribution before their ITs). The
 * server listens on {@code 127.0.0.1}, on free ports for its API and its management (health)
 * interface; {@link Builder#start()} returns once it reports ready. Its output goes to {@code
 * apicurio.log} in a temporary directory, which is deleted on {@link #close()}.
 *
 * <pre>{@code
 * try (ApicurioRegistry registry = ApicurioRegistry.builder().start()) {
 *     serdeConfig.put("apicurio.registry.url", registry.url());
 * }
 * }</pre>
 *
 * <p>Thread-safety: the accessors may be called from any thread; {@link #close()} is synchronized
 * and idempotent. {@link Builder} is not thread-safe.
 */
public final class ApicurioRegistry implements AutoCloseable {

  /** The system property naming the unpacked distribution when the builder is given none. */
  public static final String HOME_PROPERTY = "sluice.apicurio.home";

  private static final Logger log = LoggerFactory.getLogger(ApicurioRegistry.class);
  private static final String HOST = "127.0.0.1";
  private static final String RUN_JAR = "quarkus-run.jar";
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final int LOG_TAIL_LINES = 40;

  private final Process process;
  private final int port;
  private final Path workDir;
  private boolean closed;

  private ApicurioRegistry(Process process, int port, Path workDir) {
    this.process = process;
    this.port = port;
    this.workDir = workDir;
  }

  /** Starts configuring a server; {@code builder().start()} gives one on free ports. */
  public static Builder builder() {
    return new Builder();
  }

  /** The port of the REST API on {@code 127.0.0.1}. */
  public int port() {
    return port;
  }

  /**
   * The URL of the core registry API v3, such as {@code http://127.0.0.1:43111/apis/registry/v3}:
   * what Apicurio's serdes take as {@code apicurio.registry.url}.
   */
  public String url() {
    return "http://" + HOST + ":" + port + "/apis/registry/v3";
  }

  /** The server's output so far (Quarkus log lines), for assertions and failure messages. */
  public Path logFile() {
    return workDir.resolve("apicurio.log");
  }

  /**
   * Stops the server and everything it started: SIGTERM to the process tree, then SIGKILL after
   * {@code 20 s}. Deletes the temporary directory with the log.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long started = System.nanoTime();
    stop(process);
    Directories.deleteQuietly(workDir);
    log.info("Apicurio Registry on port {} stopped in {} ms", port,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  @Override
  public String toString() {
    return "ApicurioRegistry[" + url() + "]";
  }

  private static void stop(Process process) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception notStopped) {
        log.warn("Apicurio Registry process {} did not stop in {}; killing it", handle.pid(),
            STOP_TIMEOUT);
        handle.destroyForcibly();
      }
    }
  }

  /** Options for {@link ApicurioRegistry}; {@link #start()} starts the server. */
  public static final class Builder {

    private Path home;
    private Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
    private Duration startupTimeout = Duration.ofSeconds(120);

    private Builder() {}

    /** The unpacked distribution, the directory holding {@code quarkus-run.jar}. */
    public Builder home(Path home) {
      this.home = home;
      return this;
    }

    /**
     * The {@code java} executable to run the server with; it needs Java 21 or newer. By default
     * the one running this JVM.
     */
    public Builder java(Path java) {
      this.java = java;
      return this;
    }

    /** How long {@link #start()} waits for the server to be ready; 120 s by default. */
    public Builder startupTimeout(Duration timeout) {
      this.startupTimeout = timeout;
      return this;
    }

    /**
     * Starts the server and returns once its readiness check passes.
     *
     * @throws IllegalStateException when the distribution is missing, or the server exits or is
     *     not ready in time (the message ends with the tail of its log)
     */
    public ApicurioRegistry start() {
      Path dir = distribution();
      int port = Ports.freePort();
      int managementPort = Ports.freePort();
      Path workDir = Directories.createTemp("sluice-apicurio-");
      long started = System.nanoTime();
      List<String> command = List.of(java.toString(), "-Xmx384m",
          "-Dquarkus.http.host=" + HOST, "-Dquarkus.http.port=" + port,
          "-Dquarkus.management.host=" + HOST, "-Dquarkus.management.port=" + managementPort,
          "-Djava.io.tmpdir=" + workDir, "-jar", dir.resolve(RUN_JAR).toString());
      Process process;
      try {
        process = new ProcessBuilder(command).directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("apicurio.log").toFile())
            .start();
      } catch (IOException e) {
        Directories.deleteQuietly(workDir);
        throw new UncheckedIOException("cannot run " + java + " to start Apicurio Registry", e);
      }
      ApicurioRegistry registry = new ApicurioRegistry(process, port, workDir);
      try {
        awaitReady(process, managementPort, registry.logFile());
      } catch (RuntimeException e) {
        registry.close();
        throw e;
      }
      log.info("Apicurio Registry {} started in {} ms", registry.url(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      return registry;
    }

    private Path distribution() {
      Path dir = home != null ? home
          : System.getProperty(HOME_PROPERTY) != null ? Path.of(System.getProperty(HOME_PROPERTY))
          : null;
      if (dir == null || !Files.isRegularFile(dir.resolve(RUN_JAR))) {
        throw new IllegalStateException("no Apicurio Registry distribution at " + dir + ": set "
            + HOME_PROPERTY + " (or Builder.home) to the directory where "
            + "io.apicurio:apicurio-registry-app:tar.gz:all is unpacked, the one holding "
            + RUN_JAR + "; the build does that before integration tests (mvn verify)");
      }
      // The server runs in a directory of its own: a relative home would no longer resolve.
      return dir.toAbsolutePath();
    }

    private void awaitReady(Process process, int managementPort, Path logFile) {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpRequest ready = HttpRequest.newBuilder(
          URI.create("http://" + HOST + ":" + managementPort + "/health/ready"))
          .timeout(Duration.ofSeconds(5)).build();
      long deadline = System.nanoTime() + startupTimeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("Apicurio Registry exited with status "
              + process.exitValue() + " while starting:\n" + tail(logFile));
        }
        try {
          if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return;
          }
        } catch (IOException notYet) {
          // not listening yet
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while Apicurio Registry was starting", e);
        }
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while Apicurio Registry was starting", e);
        }
      }
      throw new IllegalStateException("Apicurio Registry was not ready after " + startupTimeout
          + ":\n" + tail(logFile));
    }

    private static String tail(Path logFile) {
      try {
        List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES),
            lines.size()));
      } catch (IOException | UncheckedIOException e) {
        return "(no log: " + e.getMessage() + ")";
      }
    }
  }
}
