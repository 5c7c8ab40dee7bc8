package dev.sluice.controlplane.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's Postgres database: a connection pool, the schema brought up to date with
 * Flyway when opened, and a {@link Jdbi} over the pool.
 *
 * <p>Opening runs every pending migration under {@code db/migration} before anything else touches
 * the tables, so two control planes starting at once are safe (Flyway locks its history table).
 * Thread-safe; {@link #close()} closes the pool, not connections handed out by {@link
 * #dedicatedConnection()}.
 */
public final class ControlPlaneDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ControlPlaneDatabase.class);

  private static final int POOL_SIZE = 10;
  private static final String APPLICATION_NAME = "sluice-control-plane";

  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private final String jdbcUrl;
  private final Properties credentials;

  private ControlPlaneDatabase(HikariDataSource pool, String jdbcUrl, Properties credentials) {
    this.pool = pool;
    this.jdbcUrl = jdbcUrl;
    this.credentials = credentials;
    this.jdbi = Jdbi.create(pool).installPlugin(new PostgresPlugin());
  }

  /**
   * Connects, migrates the schema and returns the open database.
   *
   * @param jdbcUrl a {@code jdbc:postgresql://...} URL
   * @param user the user, or {@code null} when the URL carries it
   * @param password the password, or {@code null} when none is needed or the URL carries it
   * @throws IllegalStateException when the database cannot be reached or migrated
   */
  public static ControlPlaneDatabase open(String jdbcUrl, String user, String password) {
    Properties credentials = new Properties();
    if (user != null) {
      credentials.setProperty("user", user);
    }
    if (password != null) {
      credentials.setProperty("password", password);
    }
    credentials.setProperty("ApplicationName", APPLICATION_NAME);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setDataSourceProperties(credentials);
    config.setMaximumPoolSize(POOL_SIZE);
    config.setPoolName(APPLICATION_NAME);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot connect to the control plane database at "
          + withoutQuery(jdbcUrl) + ": " + e.getMessage()
          + "; check the JDBC URL, user and password and that Postgres is running", e);
    }
    try {
      migrate(pool);
    } catch (RuntimeException e) {
      pool.close();
      throw new IllegalStateException("cannot migrate the control plane database at "
          + withoutQuery(jdbcUrl) + ": " + e.getMessage(), e);
    }
    return new ControlPlaneDatabase(pool, jdbcUrl, credentials);
  }

  private static void migrate(DataSource dataSource) {
    long started = System.nanoTime();
    MigrateResult result = Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    log.info("Control plane schema at version {} ({} migrations applied in {} ms)",
        result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
        result.migrationsExecuted, (System.nanoTime() - started) / 1_000_000);
  }

  /** The URL without its query string, which may hold a password. */
  private static String withoutQuery(String jdbcUrl) {
    int query = jdbcUrl.indexOf('?');
    return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
  }

  /** Jdbi over the pool, with the Postgres plugin (arrays, jsonb, UUID) installed. */
  public Jdbi jdbi() {
    return jdbi;
  }

  /** The pooled data source, for health checks and other libraries. */
  public DataSource dataSource() {
    return pool;
  }

  /**
   * A new connection outside the pool, for a session that lives long: holding a session-level
   * advisory lock or listening for notifications. The caller closes it.
   */
  public Connection dedicatedConnection() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, credentials);
  }

  /** Closes the pool; connections from {@link #dedicatedConnection()} stay open. */
  @Override
  public void close() {
    pool.close();
  }
}
