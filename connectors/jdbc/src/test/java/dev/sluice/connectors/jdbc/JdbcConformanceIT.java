package dev.sluice.connectors.jdbc;

import dev.sluice.api.component.SinkConnectorProvider;
import dev.sluice.api.record.Record;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.PostgresExtension;
import dev.sluice.testkit.conformance.InvalidConfig;
import dev.sluice.testkit.conformance.SinkConformance;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The conformance kit against a real Postgres: each test writes to a table of its own, with the
 * kit's fields as columns and a CHECK constraint that the refused record breaks.
 */
@ExtendWith(PostgresExtension.class)
class JdbcConformanceIT extends SinkConformance {

  private static final AtomicInteger TABLES = new AtomicInteger();

  private final EmbeddedPostgres postgres;
  private final String url;
  private final String table = "conformance_" + TABLES.incrementAndGet();

  JdbcConformanceIT(EmbeddedPostgres postgres) throws SQLException {
    this.postgres = postgres;
    url = postgres.createDatabase("jdbc_conformance");
    try (Connection c = postgres.dataSource("jdbc_conformance").getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, name text NOT NULL, "
          + "amount numeric CHECK (amount >= 0))");
    }
  }

  @Override
  protected SinkConnectorProvider provider() {
    return new JdbcOutputProvider();
  }

  @Override
  protected Map<String, Object> config() {
    return Map.of("url", url, "table", table);
  }

  @Override
  protected List<Long> delivered() throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection c = postgres.dataSource("jdbc_conformance").getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
      while (rows.next()) {
        ids.add(rows.getLong(1));
      }
    }
    return ids;
  }

  @Override
  protected boolean idempotent() {
    return true;
  }

  @Override
  protected InvalidConfig invalidConfig() {
    return new InvalidConfig(
        Map.of("url", url, "mode", "merge", "batch", Map.of("count", 0), "colour", "blue"),
        List.of("table", "mode", "batch.count", "colour"));
  }

  @Override
  protected Map<String, Object> unreachableConfig() {
    return Map.of("url", "jdbc:postgresql://127.0.0.1:" + ClosedPort.find() + "/shop",
        "table", table);
  }

  @Override
  protected Optional<Record> refusedRecord() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("id", 2L);
    value.put("name", "record 2");
    value.put("amount", -3.0);
    return Optional.of(new Record("k2", value, Map.of(), 0L));
  }
}
