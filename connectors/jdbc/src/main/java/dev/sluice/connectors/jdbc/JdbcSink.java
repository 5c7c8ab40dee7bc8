package dev.sluice.connectors.jdbc;

import dev.sluice.api.Problem;
import dev.sluice.api.component.Batching;
import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.SinkConnector;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.record.Record;
import dev.sluice.connectors.jdbc.RowChange.Shape;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code jdbc} output: applies each batch to one PostgreSQL table in one transaction, with a
 * JDBC batch per run of equally shaped statements, and commits before {@link #write} returns.
 *
 * <p>Failures: a transient SQL state (see {@link SqlStates}) drops the connection and throws a
 * {@link RetriableException}; the next write connects again and reads the table again. When the
 * database refuses the batch for good, the sink rolls back and bisects: halves are applied and
 * committed in order until the one refused record is found, so the records before it are
 * committed, none after it is, and the {@link PermanentException} names its index.
 *
 * <p>Threading: Sluice calls every method from one thread; the sink holds one connection.
 */
final class JdbcSink implements SinkConnector {

  private static final Logger log = LoggerFactory.getLogger(JdbcSink.class);

  /** Used directly, not through DriverManager, which does not see drivers in plugin loaders. */
  private static final Driver DRIVER = new Driver();

  private JdbcConfig config;
  private String applicationName;
  private Connection connection;
  /** The table as last read from the catalog; {@code null} while it does not exist yet. */
  private Table table;
  /** The key columns in use: configured, or the table's primary key. */
  private List<String> key = List.of();
  private RowMapping mapping;
  private Statements statements;

  @Override
  public void start(ComponentContext context) throws ComponentException {
    config = JdbcConfig.from(context);
    applicationName = "sluice " + context.stream();
    connect();
    log.info("jdbc output of {} writes to table {} ({}, key {})", context.stream(),
        config.table(), config.upsert() ? "upsert" : "insert", key);
  }

  @Override
  public Batching batching() {
    return config == null ? Batching.DEFAULT : config.batching();
  }

  @Override
  public void write(List<Record> batch) throws ComponentException {
    if (batch.isEmpty()) {
      return;
    }
    if (connection == null) {
      connect();
      log.info("jdbc output reconnected to table {}", config.table());
    }
    List<RowChange> changes = new ArrayList<>(batch.size());
    RefusedRecord refused;
    try {
      if (table == null && !createTable(batch)) {
        return; // only deletes, of rows of a table that does not exist
      }
      refused = map(batch, changes);
    } catch (SQLException e) {
      throw failure(e, "reading or creating table " + config.table());
    }
    apply(changes);
    if (refused != null) {
      throw new PermanentException(refused.getMessage(), refused, changes.size());
    }
  }

  @Override
  public void close() {
    disconnect();
  }

  private void connect() throws ComponentException {
    Properties properties = new Properties();
    if (config.user() != null) {
      properties.setProperty("user", config.user());
    }
    // Always a password, if empty: without one the driver would look in the worker's ~/.pgpass.
    properties.setProperty("password", config.password() == null ? "" : config.password());
    properties.setProperty("ApplicationName", applicationName);
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("socketTimeout", "60");
    properties.setProperty("tcpKeepAlive", "true");
    try {
      connection = DRIVER.connect(config.url(), properties);
      if (connection == null) {
        throw new ConfigException(List.of(Problem.at("url", JdbcUrlGuard.masked(config.url()),
            "the PostgreSQL driver does not accept this URL; write it as "
                + "jdbc:postgresql://host:port/database")));
      }
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      disconnect();
      if (SqlStates.isLoginRefused(e)) {
        boolean database = "3D000".equals(SqlStates.state(e));
        throw new ConfigException(List.of(Problem.at(database ? "url" : "user",
            database ? JdbcUrlGuard.masked(config.url()) : config.user(),
            "the database refused the login: " + SqlStates.cause(e).getMessage()
                + "; check the database in url, user and password")));
      }
      throw new RetriableException("cannot reach the database at "
          + JdbcUrlGuard.masked(config.url()) + ": " + e.getMessage(), e);
    }
    try {
      describeTable();
    } catch (SQLException e) {
      throw failure(e, "reading table " + config.table() + " from the catalog");
    }
  }

  /** Reads the table from the catalog and settles the key; a config error if they do not fit. */
  private void describeTable() throws SQLException, ConfigException {
    table = Table.load(connection, config.table()).orElse(null);
    connection.commit();
    if (table == null) {
      if (!config.createTable()) {
        throw new ConfigException(List.of(Problem.at("table", config.table().toString(),
            "table " + config.table() + " does not exist; create it, or set createTable: true")));
      }
      key = config.key();
      return;
    }
    key = config.key().isEmpty() ? List.copyOf(table.primaryKey()) : config.key();
    List<Problem> problems = new ArrayList<>();
    for (String k : key) {
      if (!table.columns().containsKey(k)) {
        problems.add(Problem.at("key", k, "table " + table.name() + " has no column '" + k
            + "'; its columns are " + table.columns().keySet()));
      }
    }
    for (String column : config.columns().keySet()) {
      if (!table.columns().containsKey(column)) {
        problems.add(Problem.at("columns." + column, column, "table " + table.name()
            + " has no column '" + column + "'; its columns are " + table.columns().keySet()));
      }
    }
    boolean unique = !key.isEmpty() && table.hasUniqueKey(Set.copyOf(key));
    if (config.upsert() && key.isEmpty()) {
      problems.add(Problem.at("key", null, "mode upsert needs a key, and table " + table.name()
          + " has no primary key; set key to the columns of a unique index, or use mode "
          + "insert"));
    } else if (config.upsert() && !unique && problems.isEmpty()) {
      problems.add(Problem.at("key", key.toString(), "table " + table.name() + " has no unique "
          + "index on exactly " + key + ", which upserts need (ON CONFLICT); create one (CREATE "
          + "UNIQUE INDEX ON " + table.name().sql() + " (...)) or set key to "
          + (table.primaryKey().isEmpty() ? "the columns of a unique index"
              : "the primary key " + table.primaryKey())));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    mapping = new RowMapping(config, table, key, unique);
    statements = new Statements(config.table(), key);
  }

  /**
   * Creates the table from the first record that carries a row; false when the batch holds only
   * deletes, which have nothing to delete in a table that does not exist.
   */
  private boolean createTable(List<Record> batch) throws SQLException, ComponentException {
    for (int i = 0; i < batch.size(); i++) {
      Record record = batch.get(i);
      Optional<ChangeEvent> event =
          config.changeEvents() ? ChangeEvent.of(record.value()) : Optional.empty();
      if (event.isPresent() && event.get().delete()) {
        continue;
      }
      Object row = event.isPresent() ? event.get().after() : record.value();
      try {
        if (!(row instanceof Map<?, ?> fields)) {
          throw new RefusedRecord("createTable: the record gives no row to create table "
              + config.table() + " from; its value must be an object (or a change event with an "
              + "after object)");
        }
        TableCreator.create(connection, config.table(), RowMapping.columns(config, fields),
            config.key());
      } catch (RefusedRecord e) {
        throw new PermanentException(e.getMessage(), e, i);
      } catch (SQLException e) {
        // Another instance of the stream may have created it at the same moment.
        rollback();
        describeTable();
        if (table == null) {
          throw e;
        }
        return true;
      }
      describeTable();
      return true;
    }
    return false;
  }

  /**
   * Adds the change of each record to {@code changes}, in order, up to the first record that
   * cannot be mapped, which it returns; {@code null} when all could. A field without a column makes
   * the sink read the table again once, in case a column was added since.
   */
  private RefusedRecord map(List<Record> batch, List<RowChange> changes)
      throws SQLException, ConfigException {
    boolean reread = false;
    for (int i = 0; i < batch.size(); i++) {
      try {
        changes.add(mapping.change(batch.get(i)));
      } catch (RefusedRecord e) {
        if (!e.unknownField() || reread) {
          return e;
        }
        reread = true;
        describeTable();
        i--;
      }
    }
    return null;
  }

  /** Applies and commits {@code changes}; throws for a transient failure or a refused change. */
  private void apply(List<RowChange> changes) throws ComponentException {
    if (changes.isEmpty()) {
      return;
    }
    Refused refused;
    try {
      refused = applyInOrder(changes, 0, changes.size());
    } catch (SQLException e) {
      throw failure(e, "writing to table " + config.table());
    }
    if (refused != null) {
      String message = SqlRefusal.message(table, changes.get(refused.index()), refused.failure());
      log.debug("record {} of a batch of {} refused: {}", refused.index(), changes.size(), message);
      throw new PermanentException(message, refused.failure(), refused.index());
    }
  }

  /**
   * Applies {@code changes[from, to)} in order, committing what the database accepts: all of it in
   * one transaction, or, when it refuses, each half in turn. Returns the first change it refuses,
   * or {@code null}; throws transient failures.
   */
  private Refused applyInOrder(List<RowChange> changes, int from, int to) throws SQLException {
    try {
      execute(changes.subList(from, to));
      connection.commit();
      return null;
    } catch (SQLException e) {
      rollback();
      if (SqlStates.isTransient(e) || connection.isClosed()) {
        throw e;
      }
      if (to - from == 1) {
        return new Refused(from, e);
      }
    }
    int middle = (from + to) >>> 1;
    Refused first = applyInOrder(changes, from, middle);
    return first != null ? first : applyInOrder(changes, middle, to);
  }

  /** Sends {@code changes} as one JDBC batch per run of changes with the same statement. */
  private void execute(List<RowChange> changes) throws SQLException {
    int start = 0;
    while (start < changes.size()) {
      Shape shape = changes.get(start).shape();
      int end = start + 1;
      while (end < changes.size() && changes.get(end).shape().equals(shape)) {
        end++;
      }
      try (PreparedStatement statement = connection.prepareStatement(statements.sql(shape))) {
        for (RowChange change : changes.subList(start, end)) {
          List<String> values = change.values();
          for (int i = 0; i < values.size(); i++) {
            // Unspecified type: Postgres parses the text with the column's own input function.
            statement.setObject(i + 1, values.get(i), Types.OTHER);
          }
          statement.addBatch();
        }
        statement.executeBatch();
      }
      start = end;
    }
  }

  /** A transient failure as retriable, dropping the connection; any other as a config error. */
  private ComponentException failure(SQLException e, String doing) {
    SQLException cause = SqlStates.cause(e);
    if (SqlStates.isTransient(e) || isClosed()) {
      disconnect();
      return new RetriableException(doing + " failed (SQLSTATE " + cause.getSQLState() + ": "
          + cause.getMessage() + "); the next write tries again on a new connection", e);
    }
    return new ConfigException(List.of(Problem.at("table", config.table().toString(),
        doing + " failed: " + cause.getMessage() + "; fix the table or the user's privileges")));
  }

  private boolean isClosed() {
    try {
      return connection == null || connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      log.debug("rollback failed; the connection is likely gone: {}", e.getMessage());
    }
  }

  private void disconnect() {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      log.debug("closing the connection failed: {}", e.getMessage());
    }
    connection = null;
  }

  /** A change the database refused for good, and why. */
  private record Refused(int index, SQLException failure) {}
}
