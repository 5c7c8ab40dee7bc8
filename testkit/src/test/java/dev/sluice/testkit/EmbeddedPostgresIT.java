package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@ExtendWith(PostgresExtension.class)
class EmbeddedPostgresIT {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresIT.class);

  @Test
  void createsAndDropsALogicalReplicationSlot(EmbeddedPostgres postgres) throws SQLException {
    try (Connection connection = postgres.dataSource().getConnection();
       Statement statement = connection.createStatement()) {
      assertThat(queryStrings(statement, "SHOW wal_level")).containsExactly("logical");

      statement.execute("SELECT pg_create_logical_replication_slot('sluice_it_slot', 'pgoutput')");
      assertThat(queryStrings(statement,
          "SELECT plugin FROM pg_replication_slots WHERE slot_name = 'sluice_it_slot' AND slot_type = 'logical'"))
          .containsExactly("pgoutput");

      statement.execute("SELECT pg_drop_replication_slot('sluice_it_slot')");
      assertThat(queryStrings(statement,
          "SELECT slot_name FROM pg_replication_slots WHERE slot_name = 'sluice_it_slot'")).isEmpty();
    }
  }

  @Test
  void createdDatabaseIsReachableThroughItsUrl(EmbeddedPostgres postgres) throws SQLException {
    String url = postgres.createDatabase("created_by_it");
    assertThat(postgres.createDatabase("created_by_it")).as("second call").isEqualTo(url);
    try (Connection connection = DriverManager.getConnection(url);
       Statement statement = connection.createStatement()) {
      assertThat(queryStrings(statement, "SELECT current_database()")).containsExactly("created_by_it");
    }
    assertThatThrownBy(() -> postgres.createDatabase("Robert'); DROP")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void closeStopsTheServerAndReleasesThePort() throws SQLException {
    EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
    int port = postgres.port();
    String url = postgres.jdbcUrl();
    Path dataDir = postgres.dataDir();
    try (Connection connection = DriverManager.getConnection(url)) {
      assertThat(connection.isValid(5)).isTrue();
    }
    assertThat(Ports.isFree(port)).as("port %d while running", port).isFalse();

    postgres.close();

    assertThat(Ports.isFree(port)).as("port %d after close", port).isTrue();
    assertThatThrownBy(() -> DriverManager.getConnection(url).close()).isInstanceOf(SQLException.class);
    assertThat(dataDir).as("temporary data directory").doesNotExist();
  }

  /** What {@code sluice dev} does: a fixed port and a persistent directory, stopped and started again. */
  @Test
  void keepsDataAcrossARestartOnTheSameDataDirectoryAndPort(@TempDir Path dataDir) throws SQLException {
    int port = Ports.freePort();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().dataDir(dataDir).port(port).start()) {
      assertThat(postgres.port()).isEqualTo(port);
      String url = postgres.createDatabase("sluice");
      try (Connection connection = DriverManager.getConnection(url);
         Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE kept (name text)");
        statement.execute("INSERT INTO kept VALUES ('before restart')");
      }
    }

    long started = System.nanoTime();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().dataDir(dataDir).port(port).start()) {
      log.info("restarted Postgres on a persistent data directory in {} ms", (System.nanoTime() - started) / 1_000_000);
      String url = postgres.createDatabase("sluice");
      try (Connection connection = DriverManager.getConnection(url);
         Statement statement = connection.createStatement()) {
        assertThat(queryStrings(statement, "SELECT name FROM kept")).containsExactly("before restart");
      }
    }
  }

  @Test
  void fixedPortThatIsTakenIsReportedWithThePort(EmbeddedPostgres shared) {
    assertThatThrownBy(() -> EmbeddedPostgres.builder().port(shared.port()).start())
        .isInstanceOfSatisfying(PortInUseException.class, e -> assertThat(e.port()).isEqualTo(shared.port()))
        .hasMessageContaining("Postgres port " + shared.port() + " is in use");
  }

  private static List<String> queryStrings(Statement statement, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
