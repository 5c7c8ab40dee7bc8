package dev.sluice.connectors.postgrescdc;

import static org.awaitility.Awaitility.await;

import dev.sluice.testkit.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh database on the shared embedded Postgres for one test, with a replication slot name of
 * its own (slots are server-wide), and the means to look at and clean up what the input made.
 */
final class CdcDatabase implements AutoCloseable {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final EmbeddedPostgres postgres;
  private final String name;
  private final String slot;

  CdcDatabase(EmbeddedPostgres postgres, String prefix) {
    this.postgres = postgres;
    String suffix = ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    this.name = prefix + "_" + suffix;
    this.slot = "sluice_" + prefix + "_" + suffix;
    postgres.createDatabase(name);
  }

  String name() {
    return name;
  }

  String slot() {
    return slot;
  }

  /** A config that reads {@code tables} of this database through its own slot. */
  Map<String, Object> config(String snapshot, String... tables) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("hostname", "localhost");
    config.put("port", (long) postgres.port());
    config.put("database", name);
    config.put("user", EmbeddedPostgres.USER);
    config.put("tables", List.of(tables));
    config.put("snapshot", snapshot);
    config.put("slot", slot);
    config.put("publication", "sluice_test");
    return config;
  }

  /** Runs {@code sql} statements, each in its own transaction. */
  void execute(String... sql) throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      for (String s : sql) {
        statement.execute(s);
      }
    }
  }

  /** Whether the slot exists. */
  boolean slotExists() throws SQLException {
    return slotColumn("slot_name") != null;
  }

  /** The slot's confirmed_flush_lsn as text, or null when there is no slot. */
  String confirmedFlushLsn() throws SQLException {
    return slotColumn("confirmed_flush_lsn::text");
  }

  /** The slot's confirmed_flush_lsn minus {@code lsn} in bytes: how far the slot moved since. */
  long confirmedSince(String lsn) throws SQLException {
    try (Connection connection = connect();
        PreparedStatement query = connection.prepareStatement(
            "SELECT confirmed_flush_lsn - ?::pg_lsn FROM pg_replication_slots WHERE slot_name = ?")) {
      query.setString(1, lsn);
      query.setString(2, slot);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getLong(1) : -1;
      }
    }
  }

  /** The server's current WAL position, as text. */
  String currentWalLsn() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT pg_current_wal_lsn()::text")) {
      row.next();
      return row.getString(1);
    }
  }

  /** Creates the slot now, as a user who set up replication before Sluice would. */
  void createSlot() throws SQLException {
    execute("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
  }

  /** Drops the slot once no connection holds it. */
  void dropSlot() {
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
      execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots "
          + "WHERE slot_name = '" + slot + "' AND NOT active");
      return !slotExists();
    });
  }

  @Override
  public void close() {
    dropSlot();
  }

  private String slotColumn(String column) throws SQLException {
    try (Connection connection = connect();
        PreparedStatement query = connection.prepareStatement(
            "SELECT " + column + " FROM pg_replication_slots WHERE slot_name = ?")) {
      query.setString(1, slot);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }

  private Connection connect() throws SQLException {
    return postgres.dataSource(name).getConnection();
  }
}
