package dev.sluice.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker running inside this JVM: KRaft mode, one process acting as broker
 * and controller, built from Kafka's own server artifacts.
 *
 * <p>Used by tests and by {@code sluice dev}. The data directory is either persistent (given to the
 * {@link Builder}; formatted once, reused by later starts) or a temporary directory deleted on
 * {@link #close()}. Settings suit one node: internal topics have replication factor 1, consumer groups
 * rebalance without delay, the log cleaner uses a small buffer. While the broker runs, Kafka's
 * {@code Exit} procedures are replaced so a broker fault cannot end the JVM (see {@link KafkaExitGuard}).
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
 *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * }</pre>
 *
 * <p>Thread-safety: the accessors may be called from any thread; {@link #close()} is synchronized and
 * idempotent. {@link Builder} is not thread-safe.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

  private static final String HOST = "localhost";
  private static final int NODE_ID = 1;
  private static final String META_PROPERTIES = "meta.properties";

  private final KafkaRaftServer server;
  private final Path dataDir;
  private final boolean deleteDataDirOnClose;
  private final String clusterId;
  private final int port;
  private final int controllerPort;
  private boolean closed;

  private EmbeddedKafka(KafkaRaftServer server, Path dataDir, boolean deleteDataDirOnClose, String clusterId,
              int port, int controllerPort) {
    this.server = server;
    this.dataDir = dataDir;
    this.deleteDataDirOnClose = deleteDataDirOnClose;
    this.clusterId = clusterId;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /** Starts configuring a broker; {@code builder().start()} gives a temporary broker on a free port. */
  public static Builder builder() {
    return new Builder();
  }

  /** The {@code bootstrap.servers} value for clients, e.g. {@code localhost:9092}. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  /** The port clients connect to. */
  public int port() {
    return port;
  }

  /** The KRaft controller's port; clients never need it. */
  public int controllerPort() {
    return controllerPort;
  }

  /** The cluster id stored in the data directory; stays the same across restarts on one directory. */
  public String clusterId() {
    return clusterId;
  }

  /** The broker's log directory, which also holds the KRaft metadata log. */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * Shuts the broker down and waits until it has stopped. A temporary data directory is deleted; a
   * persistent one is kept for the next start.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long started = System.nanoTime();
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      KafkaExitGuard.release();
      if (deleteDataDirOnClose) {
        Directories.deleteQuietly(dataDir);
      }
    }
    log.info("Kafka broker on {} stopped in {} ms", bootstrapServers(), millisSince(started));
  }

  @Override
  public String toString() {
    return "EmbeddedKafka[" + bootstrapServers() + ", " + dataDir + "]";
  }

  /** Options for {@link EmbeddedKafka}; {@link #start()} builds and starts the broker. */
  public static final class Builder {

    private Path dataDir;
    private int port;
    private Duration startupTimeout = Duration.ofSeconds(60);
    private final Map<String, String> overrides = new LinkedHashMap<>();

    private Builder() {
    }

    /**
     * Keeps the broker's data in {@code dir} (created if missing), formatted on first use and reused
     * by later starts. Without this, a temporary directory is used and deleted on close.
     */
    public Builder dataDir(Path dir) {
      this.dataDir = dir;
      return this;
    }

    /** The port clients connect to; {@code 0} (the default) picks a free one. */
    public Builder port(int port) {
      this.port = Ports.requireValid(port);
      return this;
    }

    /** Sets or replaces one broker setting, e.g. {@code num.partitions}. */
    public Builder brokerProperty(String key, String value) {
      overrides.put(key, value);
      return this;
    }

    /** How long {@link #start()} waits for the broker to answer requests; 60 s by default. */
    public Builder startupTimeout(Duration timeout) {
      this.startupTimeout = timeout;
      return this;
    }

    /**
     * Formats the data directory if needed, starts the broker and returns once it answers requests.
     *
     * @throws PortInUseException when the fixed {@link #port(int)} is taken
     * @throws IllegalStateException when the broker does not start
     */
    public EmbeddedKafka start() {
      long started = System.nanoTime();
      if (port != 0) {
        Ports.requireFree(port, "Kafka broker");
      }
      int brokerPort = port == 0 ? Ports.freePort() : port;
      int controllerPort = Ports.freePort();
      boolean temporary = dataDir == null;
      Path dir = temporary ? Directories.createTemp("sluice-kafka-") : Directories.create(dataDir);
      try {
        String clusterId = storedClusterId(dir);
        if (clusterId == null) {
          clusterId = Uuid.randomUuid().toString();
        }
        Properties props = brokerProperties(dir, brokerPort, controllerPort);
        format(props, clusterId);
        KafkaRaftServer server = startServer(props, brokerPort);
        EmbeddedKafka kafka = new EmbeddedKafka(server, dir, temporary, clusterId, brokerPort, controllerPort);
        log.info("Kafka broker on {} started in {} ms (data in {})",
            kafka.bootstrapServers(), millisSince(started), dir);
        return kafka;
      } catch (RuntimeException | Error e) {
        if (temporary) {
          Directories.deleteQuietly(dir);
        }
        throw e;
      }
    }

    private Properties brokerProperties(Path dir, int brokerPort, int controllerPort) {
      Properties props = new Properties();
      props.put("process.roles", "broker,controller");
      props.put("node.id", Integer.toString(NODE_ID));
      props.put("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
      props.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
      props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
      props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      props.put("controller.listener.names", "CONTROLLER");
      props.put("inter.broker.listener.name", "PLAINTEXT");
      props.put("log.dirs", dir.toAbsolutePath().toString());
      // One node: internal topics cannot have more than one replica.
      props.put("offsets.topic.replication.factor", "1");
      props.put("transaction.state.log.replication.factor", "1");
      props.put("transaction.state.log.min.isr", "1");
      props.put("share.coordinator.state.topic.replication.factor", "1");
      props.put("share.coordinator.state.topic.min.isr", "1");
      props.put("default.replication.factor", "1");
      props.put("min.insync.replicas", "1");
      // Few partitions for internal and auto-created topics keep start-up and memory small;
      // Sluice creates its own topics with explicit partition counts.
      props.put("offsets.topic.num.partitions", "5");
      props.put("transaction.state.log.num.partitions", "5");
      props.put("share.coordinator.state.topic.num.partitions", "5");
      props.put("num.partitions", "1");
      props.put("group.initial.rebalance.delay.ms", "0");
      // The default cleaner buffer allocates 128 MB up front; 8 MB dedupes ~300k keys per pass.
      props.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
      // Compacted topics are looked at every second instead of every 15 s.
      props.put("log.cleaner.backoff.ms", "1000");
      props.putAll(overrides);
      return props;
    }

    private KafkaRaftServer startServer(Properties props, int brokerPort) {
      KafkaExitGuard.acquire();
      KafkaRaftServer server = null;
      try {
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        awaitReady(HOST + ":" + brokerPort);
        return server;
      } catch (RuntimeException | Error e) {
        if (server != null) {
          stopQuietly(server);
        }
        KafkaExitGuard.release();
        if (port != 0 && !Ports.isFree(brokerPort)) {
          // Someone took the port between the check in start() and the broker binding it.
          throw new PortInUseException("Kafka broker", brokerPort, e);
        }
        throw new IllegalStateException("Kafka broker on " + HOST + ":" + brokerPort + " did not start", e);
      }
    }

    private void awaitReady(String bootstrapServers) {
      int timeoutMs = Math.toIntExact(startupTimeout.toMillis());
      Map<String, Object> config = Map.of(
          AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
          AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
          AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 10_000));
      try (Admin admin = Admin.create(config)) {
        if (admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS).isEmpty()) {
          throw new IllegalStateException("broker reports no nodes");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the broker", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("broker did not answer within " + startupTimeout, e);
      }
    }

    private static void format(Properties props, String clusterId) {
      Path configFile = null;
      try {
        configFile = Files.createTempFile(Directories.tempRoot(), "sluice-kafka-", ".properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
          props.store(out, "written by EmbeddedKafka for kafka-storage format");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream printer = new PrintStream(output, true, StandardCharsets.UTF_8)) {
          status = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", configFile.toString(),
              "--standalone", "--ignore-formatted"}, printer);
        }
        String report = output.toString(StandardCharsets.UTF_8).strip();
        if (status != 0) {
          throw new IllegalStateException("formatting Kafka data directory failed (" + status + "): " + report);
        }
        log.debug("kafka-storage format: {}", report);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the Kafka config for formatting", e);
      } finally {
        if (configFile != null) {
          Directories.deleteQuietly(configFile);
        }
      }
    }

    private static String storedClusterId(Path dir) {
      Path metaProperties = dir.resolve(META_PROPERTIES);
      if (!Files.exists(metaProperties)) {
        return null;
      }
      Properties meta = new Properties();
      try (InputStream in = Files.newInputStream(metaProperties)) {
        meta.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + metaProperties, e);
      }
      return meta.getProperty("cluster.id");
    }
  }

  private static void stopQuietly(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      log.warn("Kafka broker did not shut down cleanly after a failed start", e);
    }
  }

  private static long millisSince(long nanoTime) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
  }
}
