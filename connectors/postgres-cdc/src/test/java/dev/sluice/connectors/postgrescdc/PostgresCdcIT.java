package dev.sluice.connectors.postgrescdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.Problem;
import dev.sluice.api.component.SourceRecord;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.ConfigException;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.PostgresExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The postgres_cdc input against a real Postgres: snapshots, streaming, restarts and slots. */
@ExtendWith(PostgresExtension.class)
class PostgresCdcIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final EmbeddedPostgres postgres;
  private CdcDatabase database;

  PostgresCdcIT(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  @BeforeEach
  void createTable() throws Exception {
    database = new CdcDatabase(postgres, "cdc_it");
    database.execute("CREATE TABLE orders (id bigint PRIMARY KEY, customer text, total numeric(10,2))",
        "ALTER TABLE orders REPLICA IDENTITY FULL");
  }

  @AfterEach
  void dropSlot() {
    database.close();
  }

  @Test
  void snapshotsExistingRowsThenStreamsInsertsUpdatesAndDeletesInCommitOrder() throws Exception {
    insertOrders(1, 3);
    try (PostgresCdcSource source = start("initial", null)) {
      List<SourceRecord> snapshot = pollUntil(source, 3);
      assertThat(snapshot).extracting(r -> value(r).get("op")).containsOnly("r");
      assertThat(snapshot).extracting(r -> after(r).get("id")).containsExactly(1L, 2L, 3L);
      assertThat(snapshot).extracting(r -> value(r).get("before")).containsOnlyNulls();

      database.execute("INSERT INTO orders VALUES (4, 'dora', 40.50)",
          "UPDATE orders SET total = 11.00 WHERE id = 1",
          "DELETE FROM orders WHERE id = 2");
      List<SourceRecord> changes = pollUntil(source, 3);

      assertThat(changes).extracting(r -> value(r).get("op")).containsExactly("c", "u", "d");
      assertThat(changes).extracting(r -> r.record().key())
          .containsExactly(Map.of("id", 4L), Map.of("id", 1L), Map.of("id", 2L));
      Map<String, Object> insert = value(changes.get(0));
      assertThat(insert.get("before")).isNull();
      assertThat(insert.get("after"))
          .isEqualTo(Map.of("id", 4L, "customer", "dora", "total", new BigDecimal("40.50")));
      Map<String, Object> update = value(changes.get(1));
      assertThat(((Map<?, ?>) update.get("before")).get("total")).isEqualTo(new BigDecimal("10.00"));
      assertThat(((Map<?, ?>) update.get("after")).get("total")).isEqualTo(new BigDecimal("11.00"));
      Map<String, Object> delete = value(changes.get(2));
      assertThat(((Map<?, ?>) delete.get("before")).get("customer")).isEqualTo("customer-2");
      assertThat(delete.get("after")).isNull();

      @SuppressWarnings("unchecked")
      Map<String, Object> source0 = (Map<String, Object>) insert.get("source");
      assertThat(source0.keySet()).containsExactly("lsn", "txId", "ts", "schema", "table");
      assertThat(source0.get("schema")).isEqualTo("public");
      assertThat(source0.get("table")).isEqualTo("orders");
      assertThat(changes).extracting(r -> (Long) ((Map<?, ?>) value(r).get("source")).get("lsn"))
          .isSorted();
      assertThat(changes.get(0).record().timestamp())
          .isEqualTo(source0.get("ts"))
          .isGreaterThan(Instant.now().minus(Duration.ofMinutes(1)).toEpochMilli());
    }
  }

  @Test
  void columnValuesArePlainJdkValues() throws Exception {
    database.execute("""
        CREATE TABLE kinds (id int PRIMARY KEY, small smallint, big bigint, ratio double precision,
          approx real, flag boolean, amount numeric(12,3), loose numeric, day date,
          at timestamp(6), at_tz timestamptz, clock time, span interval, doc jsonb, tags text[],
          raw bytea, ident uuid)""",
        """
        INSERT INTO kinds VALUES (1, 7, 9000000000, 0.25, 1.1, true, 123456789.125, 3.14159,
          '2024-05-01', '2024-05-01 12:34:56.123456', '2024-05-01 12:34:56.5+02', '12:34:56',
          '1 day 2 hours', '{"a": [1, 2.5, "x"], "b": null}', '{red,green}', '\\x0102ff',
          'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')""",
        "INSERT INTO kinds (id, loose) VALUES (2, 'NaN')");
    try (PostgresCdcSource source = start("initial", null, "public.kinds")) {
      List<SourceRecord> rows = pollUntil(source, 2);
      Map<String, Object> row = after(rows.get(0));
      assertThat(after(rows.get(1))).containsEntry("loose", null); // Debezium's exact mode

      assertThat(row.get("small")).isEqualTo(7L);
      assertThat(row.get("big")).isEqualTo(9_000_000_000L);
      assertThat(row.get("ratio")).isEqualTo(0.25);
      assertThat(row.get("approx")).isEqualTo(1.1);
      assertThat(row.get("flag")).isEqualTo(true);
      assertThat(row.get("amount")).isEqualTo(new BigDecimal("123456789.125"));
      assertThat(row.get("loose")).isEqualTo(new BigDecimal("3.14159"));
      assertThat(row.get("day")).isEqualTo("2024-05-01");
      assertThat(row.get("at")).isEqualTo("2024-05-01T12:34:56.123456");
      assertThat(Instant.parse((String) row.get("at_tz")))
          .isEqualTo(Instant.parse("2024-05-01T10:34:56.500Z"));
      assertThat(row.get("clock")).isEqualTo("12:34:56");
      assertThat(row.get("span")).isEqualTo("P0Y0M1DT2H0M0S");
      assertThat(((Map<?, ?>) row.get("doc")).get("a")).isEqualTo(List.of(1L, 2.5, "x"));
      assertThat(((Map<?, ?>) row.get("doc")).containsKey("b")).isTrue();
      assertThat(((Map<?, ?>) row.get("doc")).get("b")).isNull();
      assertThat(row.get("tags")).isEqualTo(List.of("red", "green"));
      assertThat(row.get("raw")).isEqualTo("AQL/");
      assertThat(row.get("ident")).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    }
  }

  @Test
  void restartFromAnAcknowledgedPositionNeitherSnapshotsAgainNorLosesAChange() throws Exception {
    insertOrders(1, 5);
    Map<String, Object> saved;
    try (PostgresCdcSource source = start("initial", null)) {
      List<SourceRecord> snapshot = pollUntil(source, 5);
      saved = snapshot.get(4).position();
      source.acknowledge(saved);
    }
    database.execute("INSERT INTO orders VALUES (6, 'fred', 6.00)",
        "UPDATE orders SET customer = 'anna' WHERE id = 1", "DELETE FROM orders WHERE id = 5");

    try (PostgresCdcSource source = start("initial", saved)) {
      List<SourceRecord> resumed = pollUntil(source, 3);
      assertThat(resumed).extracting(r -> value(r).get("op")).containsExactly("c", "u", "d");
      database.execute("INSERT INTO orders VALUES (7, 'gus', 7.00)");
      assertThat(pollUntil(source, 1)).extracting(r -> after(r).get("id")).containsExactly(7L);
    }
  }

  @Test
  void acknowledgedChangesAreConfirmedToTheSlot() throws Exception {
    try (PostgresCdcSource source = start("initial", null)) {
      pollUntil(source, 0);
      String before = database.confirmedFlushLsn();
      insertOrders(1, 1);
      insertOrders(2, 1);
      List<SourceRecord> changes = pollUntil(source, 2);
      // A change confirms the transactions committed before its own.
      source.acknowledge(changes.get(1).position());
      await().atMost(PATIENCE).until(() -> database.confirmedSince(before) > 0);
    }
  }

  @Test
  void whileTheTablesAreQuietTheSlotLetsGoOfWalWrittenForOthers() throws Exception {
    database.execute("CREATE TABLE noise (id serial PRIMARY KEY, v text)");
    Map<String, Object> config = database.config("never", "public.orders");
    config.put("heartbeat", "1s");
    try (PostgresCdcSource source = start(config, null)) {
      insertOrders(1, 1);
      source.acknowledge(pollUntil(source, 1).get(0).position());
      database.execute("INSERT INTO noise (v) SELECT 'x' FROM generate_series(1, 100)");
      String written = database.currentWalLsn();

      await().atMost(PATIENCE).until(() -> source.poll(Duration.ofMillis(200)).isEmpty()
          && database.confirmedSince(written) >= 0);
    }
  }

  @Test
  void restartDuringTheSnapshotSnapshotsAgainFromTheStart() throws Exception {
    insertOrders(1, 3);
    Map<String, Object> midSnapshot;
    try (PostgresCdcSource source = start("initial", null)) {
      List<SourceRecord> snapshot = pollUntil(source, 3);
      midSnapshot = snapshot.get(0).position();
      source.acknowledge(midSnapshot);
    }
    try (PostgresCdcSource source = start("initial", midSnapshot)) {
      assertThat(pollUntil(source, 3)).extracting(r -> value(r).get("op"), r -> after(r).get("id"))
          .containsExactly(tuple("r", 1L), tuple("r", 2L), tuple("r", 3L));
    }
  }

  @Test
  void snapshotNeverReadsOnlyChangesMadeAfterTheFirstStart() throws Exception {
    insertOrders(1, 2);
    try (PostgresCdcSource source = start("never", null)) {
      insertOrders(3, 1);
      List<SourceRecord> changes = pollUntil(source, 1);
      assertThat(changes).extracting(r -> value(r).get("op"), r -> after(r).get("id"))
          .containsExactly(tuple("c", 3L));
    }
  }

  @Test
  void whenNeededSnapshotsAgainOnceTheSlotIsGoneWhereInitialRefusesToGoOn() throws Exception {
    insertOrders(1, 2);
    Map<String, Object> saved;
    try (PostgresCdcSource source = start("when_needed", null)) {
      List<SourceRecord> snapshot = pollUntil(source, 2);
      saved = snapshot.get(1).position();
      source.acknowledge(saved);
    }
    database.dropSlot();
    insertOrders(3, 1);

    ConfigException refused = catchThrowableOfType(ConfigException.class,
        () -> start("initial", saved).close());
    assertThat(refused.problems()).extracting(Problem::path).containsExactly("snapshot");
    assertThat(refused.getMessage()).contains("when_needed");

    try (PostgresCdcSource source = start("when_needed", saved)) {
      assertThat(pollUntil(source, 3)).extracting(r -> value(r).get("op"), r -> after(r).get("id"))
          .containsExactly(tuple("r", 1L), tuple("r", 2L), tuple("r", 3L));
    }
  }

  @Test
  void dropSlotOnStopDropsTheSlotWhenTheInputStops() throws Exception {
    insertOrders(1, 1);
    Map<String, Object> config = database.config("when_needed", "public.orders");
    config.put("dropSlotOnStop", true);
    try (PostgresCdcSource source = start(config, null)) {
      pollUntil(source, 1);
      assertThat(database.slotExists()).isTrue();
    }
    assertThat(database.slotExists()).isFalse();
  }

  @Test
  void closeStopsEveryThreadAlsoAfterTheEngineFailed() throws Exception {
    Set<Thread> before = liveThreads();
    insertOrders(1, 2);
    Map<String, Object> midSnapshot;
    try (PostgresCdcSource source = start("initial", null)) {
      midSnapshot = pollUntil(source, 2).get(0).position();
    }
    awaitNoThreadsBut(before);

    PostgresCdcSource failing = new PostgresCdcSource();
    ConfigException failure = catchThrowableOfType(ConfigException.class,
        () -> failing.start(TestSourceContext.of(database.config("never", "public.orders"),
            midSnapshot)));
    failing.close();

    assertThat(failure.problems()).extracting(Problem::path).containsExactly("snapshot");
    awaitNoThreadsBut(before);
  }

  @Test
  void instancesOtherThanTheFirstStayIdle() throws Exception {
    try (PostgresCdcSource source = new PostgresCdcSource()) {
      source.start(new TestSourceContext(1, database.config("initial", "public.orders"),
          Optional.empty()));
      assertThat(source.poll(Duration.ofMillis(10))).isEmpty();
    }
    assertThat(database.slotExists()).isFalse();
  }

  private PostgresCdcSource start(String snapshot, Map<String, Object> position)
      throws ComponentException {
    return start(snapshot, position, "public.orders");
  }

  private PostgresCdcSource start(String snapshot, Map<String, Object> position, String table)
      throws ComponentException {
    return start(database.config(snapshot, table), position);
  }

  private static PostgresCdcSource start(Map<String, Object> config, Map<String, Object> position)
      throws ComponentException {
    PostgresCdcSource source = new PostgresCdcSource();
    try {
      source.start(TestSourceContext.of(config, position));
      return source;
    } catch (ComponentException | RuntimeException e) {
      source.close();
      throw e;
    }
  }

  private void insertOrders(int firstId, int count) throws Exception {
    database.execute("INSERT INTO orders SELECT g, 'customer-' || g, g * 10 FROM generate_series("
        + firstId + ", " + (firstId + count - 1) + ") g");
  }

  /** Polls until {@code count} records came, and checks that no more follow right away. */
  private static List<SourceRecord> pollUntil(PostgresCdcSource source, int count)
      throws ComponentException {
    List<SourceRecord> polled = new ArrayList<>();
    Instant deadline = Instant.now().plus(PATIENCE);
    while (polled.size() < count && Instant.now().isBefore(deadline)) {
      polled.addAll(source.poll(Duration.ofMillis(200)));
    }
    polled.addAll(source.poll(Duration.ofMillis(300)));
    assertThat(polled).as("records polled").hasSize(count);
    return polled;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> value(SourceRecord record) {
    return (Map<String, Object>) record.record().value();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> after(SourceRecord record) {
    return (Map<String, Object>) value(record).get("after");
  }

  /** Live threads that could keep a JVM up or belong to the input (Debezium's, the engine's). */
  private static Set<Thread> liveThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(t -> !t.isDaemon() || t.getName().startsWith("debezium")
            || t.getName().startsWith("sluice-postgres-cdc"))
        .filter(t -> !t.getName().startsWith("awaitility")) // the one checking
        .collect(Collectors.toSet());
  }

  /** Waits until every live thread was there at {@code before}, and names those that are not. */
  private static void awaitNoThreadsBut(Set<Thread> before) {
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(liveThreads().stream()
        .filter(t -> !before.contains(t)).map(Thread::getName).toList())
        .as("threads started since").isEmpty());
  }
}
