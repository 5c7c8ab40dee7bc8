package dev.sluice.dataplane.remote;

import dev.sluice.dataplane.pipeline.Backoff;
import dev.sluice.proto.v1.DescribeRequest;
import dev.sluice.proto.v1.DescribeResponse;
import dev.sluice.proto.v1.ProcessorPluginGrpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches a plugin from its {@link PluginManifest}, waits until it answers Describe, and keeps it
 * running: when the process dies it is started again, on the same port, after a backoff (200 ms
 * doubling to 30 s, back to 200 ms once it is ready again). Its stdout and stderr go to this
 * class's log, one line at a time, prefixed with the plugin's name. {@link #close} stops it and
 * every process it started.
 *
 * <p>A {@link RemoteProcessor} connected to {@link #target()} rides over restarts by itself: it
 * re-sends what was not answered once the plugin is back.
 *
 * <p>Thread-safe; supervision runs on a thread of its own.
 */
public final class PluginProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PluginProcess.class);
  /** The environment variable that tells the plugin its port. */
  public static final String PORT_VARIABLE = "SLUICE_PLUGIN_PORT";
  private static final Duration FIRST_RESTART_WAIT = Duration.ofMillis(200);
  private static final Duration MAX_RESTART_WAIT = Duration.ofSeconds(30);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final PluginManifest manifest;
  private final int port;
  private final ManagedChannel probe;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicInteger restarts = new AtomicInteger();
  private final Thread supervisor;
  private volatile Process process;
  private volatile DescribeResponse description;

  private PluginProcess(PluginManifest manifest, int port) {
    this.manifest = manifest;
    this.port = port;
    this.probe = NettyChannelBuilder.forAddress(InetAddress.getLoopbackAddress().getHostAddress(), port)
        .usePlaintext().build();
    this.supervisor = new Thread(this::supervise, "sluice-plugin-" + manifest.name());
    supervisor.setDaemon(true);
  }

  /**
   * Launches the plugin on a free loopback port and returns once it answered Describe.
   *
   * @throws IOException when it cannot be launched, exits, or does not answer within the
   *     manifest's {@code ready_timeout}; the process is stopped then
   */
  public static PluginProcess start(PluginManifest manifest) throws IOException, InterruptedException {
    PluginProcess plugin = new PluginProcess(manifest, freePort());
    try {
      plugin.launch();
    } catch (IOException | InterruptedException | RuntimeException e) {
      plugin.close();
      throw e;
    }
    plugin.supervisor.start();
    return plugin;
  }

  /** {@code host:port} to hand to {@link RemoteProcessor}; the same across restarts. */
  public String target() {
    return InetAddress.getLoopbackAddress().getHostAddress() + ":" + port;
  }

  /** What the plugin said about itself when it last became ready. */
  public DescribeResponse description() {
    return description;
  }

  /** The plugin's current process id, empty while it is being restarted. */
  public OptionalLong pid() {
    Process current = process;
    return current != null && current.isAlive() ? OptionalLong.of(current.pid()) : OptionalLong.empty();
  }

  /** How many times the plugin was started again since {@link #start}. */
  public int restarts() {
    return restarts.get();
  }

  private void supervise() {
    Backoff backoff = new Backoff(FIRST_RESTART_WAIT, MAX_RESTART_WAIT);
    while (closing.getCount() > 0) {
      try {
        int exit = process.waitFor();
        if (closing.getCount() == 0) {
          return;
        }
        Duration wait = backoff.next(Optional.empty());
        log.warn("plugin {} exited with code {}; starting it again in {}", manifest.name(), exit, wait);
        if (closing.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
        restarts.incrementAndGet();
        launch();
        backoff.reset();
      } catch (IOException e) {
        log.warn("plugin {} did not come back: {}", manifest.name(), e.getMessage());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Starts the process and waits until it answers Describe; stops it again if it does not. */
  private synchronized void launch() throws IOException, InterruptedException {
    if (closing.getCount() == 0) {
      return;
    }
    List<String> command = manifest.command().stream()
        .map(part -> part.replace("{port}", Integer.toString(port)).replace("{java}", javaExecutable()))
        .toList();
    ProcessBuilder builder = new ProcessBuilder(command).directory(manifest.directory().toFile());
    builder.environment().putAll(manifest.env());
    builder.environment().put(PORT_VARIABLE, Integer.toString(port));
    log.info("starting plugin {} on port {}: {}", manifest.name(), port, command);
    Process started = builder.start();
    process = started;
    pump(started.getInputStream(), false, started.pid());
    pump(started.getErrorStream(), true, started.pid());
    try {
      description = awaitReady(started);
    } catch (IOException e) {
      stop(started);
      throw e;
    }
    log.info("plugin {} ({}) is ready, pid {}", manifest.name(), description.getName(), started.pid());
  }

  private DescribeResponse awaitReady(Process started) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + manifest.readyTimeout().toNanos();
    long waitMillis = 20;
    while (true) {
      if (!started.isAlive()) {
        throw new IOException("plugin " + manifest.name() + " exited with code " + started.exitValue()
            + " before it answered Describe; its output is in the log above; check the command "
            + manifest.command() + " in " + manifest.directory().resolve(PluginManifest.FILE_NAME));
      }
      try {
        return ProcessorPluginGrpc.newBlockingStub(probe).withDeadlineAfter(1, TimeUnit.SECONDS)
            .describe(DescribeRequest.getDefaultInstance());
      } catch (StatusRuntimeException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IOException("plugin " + manifest.name() + " did not answer Describe on port " + port
              + " within " + manifest.readyTimeout() + " (" + notYet.getStatus() + "); make it listen on the port in "
              + PORT_VARIABLE + " or {port}, or raise ready_timeout in its plugin.yaml",
              new TimeoutException());
        }
      }
      if (closing.await(waitMillis, TimeUnit.MILLISECONDS)) {
        throw new IOException("plugin " + manifest.name() + " was closed while starting");
      }
      waitMillis = Math.min(waitMillis * 2, 500);
    }
  }

  /** Copies one of the process's output streams into the log, a line at a time. */
  private void pump(InputStream output, boolean isStderr, long pid) {
    Thread pumper = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (isStderr) {
            log.warn("[{}] {}", manifest.name(), line);
          } else {
            log.info("[{}] {}", manifest.name(), line);
          }
        }
      } catch (IOException e) {
        log.debug("output of plugin {} (pid {}) ended: {}", manifest.name(), pid, e.getMessage());
      }
    }, "sluice-plugin-" + manifest.name() + "-" + (isStderr ? "stderr" : "stdout"));
    pumper.setDaemon(true);
    pumper.start();
  }

  /** Stops a process and everything it started: politely first, then forcibly after a grace. */
  private void stop(Process target) {
    List<ProcessHandle> tree = target.descendants().toList();
    target.destroy();
    tree.forEach(ProcessHandle::destroy);
    try {
      if (!target.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("plugin {} did not stop within {}; killing it", manifest.name(), STOP_GRACE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    target.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
  }

  /** Stops supervising, then the plugin and its process tree. */
  @Override
  public void close() {
    closing.countDown();
    synchronized (this) {
      Process current = process;
      if (current != null) {
        log.info("stopping plugin {}", manifest.name());
        stop(current);
      }
    }
    supervisor.interrupt();
    probe.shutdownNow();
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback interface", e);
    }
  }
}
