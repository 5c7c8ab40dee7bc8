package dev.sluice.bench.e2e;

import dev.sluice.testkit.EmbeddedKafka;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark's broker in a child JVM ({@link EmbeddedKafka} on this JVM's class path), so that
 * the broker's JIT compilation, garbage collection and safepoints do not stop the pipelines it
 * is measuring. The child says where it listens on its standard output, and stops when its
 * standard input closes: when {@link #close()} closes it, or when this JVM dies.
 */
final class ChildBroker implements BrokerPlacement.Broker {

  private static final Logger log = LoggerFactory.getLogger(ChildBroker.class);
  private static final String READY = "broker ready: bootstrap.servers=";
  private static final long START_SECONDS = 120;
  private static final String HEAP = "-Xmx1g";

  private final Process process;
  private final String bootstrapServers;

  private ChildBroker(Process process, String bootstrapServers) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
  }

  /** Starts the child JVM and waits until its broker answers. */
  static ChildBroker start() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, HEAP, "-Xms1g", "-cp", System.getProperty("java.class.path"),
        ChildBroker.class.getName())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    CompletableFuture<String> ready = new CompletableFuture<>();
    Thread pump = new Thread(() -> relay(process, ready), "broker-output");
    pump.setDaemon(true);
    pump.start();
    try {
      String servers = ready.get(START_SECONDS, TimeUnit.SECONDS);
      log.info("broker in child JVM (pid {}, {}) on {}", process.pid(), HEAP, servers);
      return new ChildBroker(process, servers);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while starting the broker's JVM", e);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException("the broker's JVM did not start within " + START_SECONDS
          + " s (its output is above): " + e, e);
    }
  }

  /** Copies the child's output to ours, completing {@code ready} with its bootstrap servers. */
  private static void relay(Process process, CompletableFuture<String> ready) {
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith(READY)) {
          ready.complete(line.substring(READY.length()));
        } else {
          System.out.println(line);
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
    ready.completeExceptionally(new IllegalStateException("the broker's JVM exited"));
  }

  @Override
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Closes the child's standard input, so it stops its broker, and waits for it to exit. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        log.warn("the broker's JVM (pid {}) did not stop within 60 s; killing it", process.pid());
        process.destroyForcibly().waitFor();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** The child: runs a temporary broker until its standard input closes. */
  public static void main(String[] args) throws IOException {
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
      System.out.println(READY + kafka.bootstrapServers());
      System.out.flush();
      while (System.in.read() >= 0) {
        // nothing is sent; end of input means stop
      }
    }
  }
}
