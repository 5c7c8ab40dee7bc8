package dev.sluice.connectors.postgrescdc;

import dev.sluice.api.Problem;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.ConfigException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the input asks Postgres directly, over JDBC, outside Debezium: whether the configuration can
 * work at all before the engine starts (so a wrong password or a missing table fails the start with
 * a clear message instead of inside Debezium's threads), and dropping the slot on stop.
 *
 * <p>The driver is this plugin's own and is called directly, not through {@code DriverManager},
 * which would not see a plugin's class loader. Stateless; every call opens its own connection.
 */
final class PostgresServer {

  private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
  private static final String CONNECT_TIMEOUT_SECONDS = "10";
  private static final String SOCKET_TIMEOUT_SECONDS = "30";
  private static final Duration SLOT_POLL = Duration.ofMillis(200);

  private static final String TABLE_QUERY = """
      SELECT c.relreplident,
             EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary),
             has_table_privilege(c.oid, 'SELECT')
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')""";

  private PostgresServer() {}

  /**
   * Checks that {@code config} can capture changes: the server answers and lets the user in, has
   * {@code wal_level=logical}, the user may replicate, and every table exists, is readable and can
   * be published for updates and deletes.
   *
   * @throws ComponentException a {@code RetriableException} when the server cannot be reached, a
   *     {@code ConfigException} with every problem found otherwise
   */
  static void check(PostgresCdcConfig config) throws ComponentException {
    try (Connection connection = connect(config)) {
      List<Problem> problems = new ArrayList<>();
      String walLevel = single(connection, "SHOW wal_level");
      if (!"logical".equals(walLevel)) {
        problems.add(Problem.at("hostname", config.hostname(), "Postgres at " + config.server()
            + " runs with wal_level=" + walLevel + ", but change capture needs logical: run "
            + "ALTER SYSTEM SET wal_level = logical and restart Postgres"));
      }
      if (!"yes".equals(single(connection, "SELECT CASE WHEN rolsuper OR rolreplication "
          + "THEN 'yes' ELSE 'no' END FROM pg_roles WHERE rolname = current_user"))) {
        problems.add(Problem.at("user", config.user(), "user '" + config.user() + "' may not "
            + "replicate; run ALTER ROLE " + config.user() + " REPLICATION, or connect as a user "
            + "who may"));
      }
      for (int i = 0; i < config.tables().size(); i++) {
        table(connection, config.tables().get(i), "tables[" + i + "]", config, problems);
      }
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
    } catch (SQLException e) {
      throw PostgresFailures.classify(e, config);
    }
  }

  /**
   * Drops the replication slot of {@code config} if it exists, waiting (at most {@code wait}) for
   * the stopping engine's connection to let go of it. Logs rather than throws: it runs on close.
   */
  static void dropSlot(PostgresCdcConfig config, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    try (Connection connection = connect(config);
        PreparedStatement active = connection.prepareStatement(
            "SELECT active FROM pg_replication_slots WHERE slot_name = ?");
        PreparedStatement drop = connection.prepareStatement(
            "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots "
                + "WHERE slot_name = ? AND NOT active")) {
      active.setString(1, config.slot());
      drop.setString(1, config.slot());
      while (true) {
        try (ResultSet rows = active.executeQuery()) {
          if (!rows.next()) {
            log.info("replication slot {} dropped on {}", config.slot(), config.server());
            return;
          }
        }
        try {
          drop.executeQuery().close();
        } catch (SQLException e) {
          log.debug("replication slot {} not dropped yet: {}", config.slot(), e.getMessage());
        }
        if (System.nanoTime() > deadline) {
          log.warn("replication slot {} on {} is still in use after {}; it was not dropped",
              config.slot(), config.server(), wait);
          return;
        }
        Thread.sleep(SLOT_POLL);
      }
    } catch (SQLException e) {
      log.warn("could not drop replication slot {} on {}: {}", config.slot(), config.server(),
          e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void table(Connection connection, TableName table, String path,
      PostgresCdcConfig config, List<Problem> problems) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(TABLE_QUERY)) {
      query.setString(1, table.schema());
      query.setString(2, table.table());
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          problems.add(Problem.at(path, table.toString(), "table " + table + " does not exist in "
              + "database " + config.database() + "; create it, or fix the name (schema.table, "
              + "as Postgres stores it)"));
          return;
        }
        String identity = row.getString(1);
        boolean primaryKey = row.getBoolean(2);
        if (!row.getBoolean(3)) {
          problems.add(Problem.at(path, table.toString(), "user '" + config.user() + "' may not "
              + "read " + table + "; GRANT SELECT ON " + table + " TO " + config.user()));
        }
        if ("n".equals(identity) || ("d".equals(identity) && !primaryKey)) {
          problems.add(Problem.at(path, table.toString(), "table " + table + " has no primary key "
              + "(nor replica identity), so once published Postgres would refuse its UPDATEs and "
              + "DELETEs; add a primary key or run ALTER TABLE " + table
              + " REPLICA IDENTITY FULL"));
        }
      }
    }
  }

  private static String single(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      return row.next() ? row.getString(1) : null;
    }
  }

  private static Connection connect(PostgresCdcConfig config) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", config.user());
    if (config.password() != null) {
      props.setProperty("password", config.password());
    }
    props.setProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
    props.setProperty("socketTimeout", SOCKET_TIMEOUT_SECONDS);
    props.setProperty("ApplicationName", "sluice-postgres-cdc");
    String url = "jdbc:postgresql://" + config.hostname() + ":" + config.port() + "/"
        + config.database();
    Connection connection = new org.postgresql.Driver().connect(url, props);
    if (connection == null) {
      throw new SQLException("the driver does not accept " + url, "08001");
    }
    return connection;
  }
}
