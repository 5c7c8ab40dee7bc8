package dev.sluice.examples.processor;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link UppercaseService} on the port the worker chose: {@code --port N}, else the
 * environment variable {@code SLUICE_PLUGIN_PORT}. Listens on the loopback interface unless
 * {@code SLUICE_PLUGIN_HOST} says otherwise (e.g. {@code 0.0.0.0} to run it as a service the
 * worker connects to). Transforms batches on one thread per CPU. Stops gracefully on SIGTERM.
 */
public final class UppercasePlugin {

  private static final Logger log = LoggerFactory.getLogger(UppercasePlugin.class);

  private UppercasePlugin() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int port = port(args);
    String host = System.getenv().getOrDefault("SLUICE_PLUGIN_HOST", "127.0.0.1");
    ExecutorService workers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
        .addService(new UppercaseService(workers))
        // The stream handlers only hand batches to the workers: run them on the network threads
        // rather than passing every message through another executor first.
        .directExecutor()
        .build()
        .start();
    log.info("uppercase plugin listening on {}:{}", host, port);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdown();
      workers.shutdown();
      try {
        server.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    server.awaitTermination();
  }

  private static int port(String[] args) {
    String port = args.length == 2 && args[0].equals("--port") ? args[1] : System.getenv("SLUICE_PLUGIN_PORT");
    if (port == null) {
      throw new IllegalArgumentException("no port: pass --port N or set SLUICE_PLUGIN_PORT");
    }
    try {
      return Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port '" + port + "' is not a number; pass --port N with N from 1 to 65535");
    }
  }
}
