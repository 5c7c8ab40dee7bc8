package dev.sluice.controlplane.grpc;

import dev.sluice.controlplane.secrets.SecretStore;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the {@link WorkerRegistryService} on a TCP port (Netty), behind the {@link
 * JoinTokenInterceptor}, in plaintext or over TLS as {@link RegistryConfig#tls()} says.
 * Thread-safe; {@link #close()} is idempotent.
 */
public final class RegistryServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RegistryServer.class);
  private static final long STOP_TIMEOUT_MS = 5_000;

  private final Server server;

  private RegistryServer(Server server) {
    this.server = server;
  }

  /**
   * Starts serving and returns once the port is bound.
   *
   * @param config where to listen, the join token, lease terms and TLS
   * @param jdbi the control plane database, migrated
   * @param secrets the secrets streams refer to, revealed to the workers that run them
   * @param onRegister called after every registration, e.g. {@code scheduler::poke}
   * @throws IllegalStateException when the port cannot be bound or the TLS files not loaded
   */
  public static RegistryServer start(RegistryConfig config, Jdbi jdbi, SecretStore secrets,
      Runnable onRegister) {
    ServerCredentials credentials =
        config.tls() == null ? InsecureServerCredentials.create() : config.tls().credentials();
    Server server = NettyServerBuilder
        .forAddress(new InetSocketAddress(config.host(), config.port()), credentials)
        .addService(ServerInterceptors.intercept(
            new WorkerRegistryService(jdbi, config, secrets, onRegister),
            new JoinTokenInterceptor(config.joinToken())))
        .build();
    try {
      server.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot serve the worker registry on " + config.host()
          + ":" + config.port() + ": " + e.getMessage()
          + "; choose a free port (0 picks one) or stop what uses it", e);
    }
    String transport = config.tls() == null ? "plaintext"
        : config.tls().clientCa() == null ? "TLS" : "mutual TLS";
    log.info("Worker registry listening on {}:{} ({})", config.host(), server.getPort(), transport);
    return new RegistryServer(server);
  }

  /** The port the registry listens on; the bound one when the config asked for 0. */
  public int port() {
    return server.getPort();
  }

  /** Stops accepting calls, lets running calls finish for up to 5 s, then cancels them. */
  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
        server.shutdownNow().awaitTermination(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    log.info("Worker registry stopped");
  }
}
