package dev.sluice.connectors.postgrescdc;

import dev.sluice.api.component.SourceConnectorProvider;
import dev.sluice.api.record.Record;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.PostgresExtension;
import dev.sluice.testkit.conformance.InvalidConfig;
import dev.sluice.testkit.conformance.SourceConformance;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The conformance kit against a real Postgres: each test has its own database, table, publication
 * and slot.
 *
 * <p>The kit appends before it starts the input and expects a restart from a position inside the
 * first batch to go on right after it. Debezium cannot resume a snapshot midway (it runs it again),
 * so the records reach the input through streaming: the publication and the slot are set up before
 * the first append, as a user who prepared replication would, and the input runs with {@code
 * snapshot: never}. Snapshots are covered by {@link PostgresCdcIT}.
 */
@ExtendWith(PostgresExtension.class)
class PostgresCdcConformanceIT extends SourceConformance {

  private final CdcDatabase database;

  PostgresCdcConformanceIT(EmbeddedPostgres postgres) throws Exception {
    database = new CdcDatabase(postgres, "cdc_conformance");
    database.execute("CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL)",
        "CREATE PUBLICATION sluice_test FOR TABLE items");
    database.createSlot();
  }

  @AfterEach
  void dropSlot() {
    database.close();
  }

  @Override
  protected SourceConnectorProvider provider() {
    return new PostgresCdcInputProvider();
  }

  @Override
  protected Map<String, Object> config() {
    return database.config("never", "public.items");
  }

  /**
   * One transaction per row: Debezium confirms a change by the commit before it, so only then can
   * confirming too much (a change not acknowledged) lose rows after a restart and fail the kit.
   */
  @Override
  protected void append(long firstId, int count) throws Exception {
    String[] inserts = new String[count];
    for (int i = 0; i < count; i++) {
      inserts[i] = "INSERT INTO items VALUES (" + (firstId + i) + ", 'item-" + (firstId + i) + "')";
    }
    database.execute(inserts);
  }

  @Override
  protected long idOf(Record record) {
    Map<?, ?> after = (Map<?, ?>) ((Map<?, ?>) record.value()).get("after");
    return ((Number) after.get("id")).longValue();
  }

  @Override
  protected InvalidConfig invalidConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("hostname", "localhost");
    config.put("port", 0L);
    config.put("user", "postgres");
    config.put("tables", List.of("public.items"));
    config.put("snapshot", "sometimes");
    // No passthrough of Debezium properties: this one would load a class.
    config.put("properties", Map.of("database.sslfactory", "org.example.Evil"));
    return new InvalidConfig(config, List.of("port", "database", "snapshot", "properties"));
  }

  @Override
  protected Map<String, Object> unreachableConfig() {
    Map<String, Object> config = config();
    config.put("port", (long) closedPort());
    return config;
  }

  @Override
  protected Map<String, Object> refusedConfig() {
    return database.config("never", "public.missing");
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }
}
