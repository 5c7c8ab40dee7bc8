package dev.sluice.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.api.Problem;
import dev.sluice.api.component.SinkConnector;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.record.Record;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.PostgresExtension;
import dev.sluice.testkit.conformance.ConformanceContext;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The jdbc output against a real Postgres: change events, table creation, failures, volume. */
@ExtendWith(PostgresExtension.class)
class JdbcSinkIT {

  private static final Logger log = LoggerFactory.getLogger(JdbcSinkIT.class);
  private static final String DATABASE = "jdbc_sink";
  private static final AtomicInteger TABLES = new AtomicInteger();

  private final DataSource database;
  private final String url;
  private final String table = "sink_" + TABLES.incrementAndGet();
  private final List<SinkConnector> started = new ArrayList<>();

  JdbcSinkIT(EmbeddedPostgres postgres) {
    url = postgres.createDatabase(DATABASE);
    database = postgres.dataSource(DATABASE);
  }

  @AfterEach
  void closeSinks() {
    started.forEach(SinkConnector::close);
  }

  @Test
  void changeEventsAreAppliedAsUpsertsAndDeletesByKey() throws Exception {
    sql("CREATE TABLE " + table + " (id bigint PRIMARY KEY, name text, qty integer)");
    SinkConnector sink = start(Map.of("mode", "insert"));

    sink.write(List.of(
        event("c", 1, null, row(1, "apple", 3)),
        event("c", 2, null, row(2, "pear", 5)),
        event("u", 1, row(1, "apple", 3), row(1, "apple", 4)),
        event("d", 2, row(2, "pear", 5), null),
        event("r", 3, null, row(3, "plum", 7)),
        event("c", 5, null, row(5, "fig", 1))));
    sink.write(List.of(
        event("d", 5, null, null), // REPLICA IDENTITY without before: the record key has the id
        event("d", 4, Map.of("id", 4), null), // a row that is not there: nothing to delete
        event("u", 3, null, row(3, "plum", 8))));

    assertThat(rows("SELECT id, name, qty FROM " + table + " ORDER BY id"))
        .containsExactly(List.of(1L, "apple", 4), List.of(3L, "plum", 8));
  }

  @Test
  void redeliveredChangeEventsLeaveTheSameTable() throws Exception {
    sql("CREATE TABLE " + table + " (id bigint PRIMARY KEY, name text, qty integer)");
    SinkConnector sink = start(Map.of());
    List<Record> events = List.of(event("c", 1, null, row(1, "apple", 3)),
        event("u", 1, null, row(1, "apple", 4)), event("c", 2, null, row(2, "pear", 5)),
        event("d", 2, Map.of("id", 2), null));

    sink.write(events);
    sink.write(events);

    assertThat(rows("SELECT id, name, qty FROM " + table))
        .containsExactly(List.of(1L, "apple", 4));
  }

  @Test
  void createsTheTableFromTheFirstRecordWithTheKeyAsPrimaryKey() throws Exception {
    SinkConnector sink = start(Map.of("createTable", true, "key", List.of("id")));
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("id", 1);
    first.put("name", "apple");
    first.put("price", 1.25);
    first.put("active", true);
    first.put("tags", List.of("red", "sweet"));
    first.put("meta", Map.of("origin", "NZ"));
    first.put("note", null);

    sink.write(List.of(Record.of(first, 0L),
        Record.of(Map.of("id", 1, "name", "apple", "price", 1.5), 0L),
        Record.of(Map.of("id", 2, "name", "pear", "note", "ripe"), 0L)));

    assertThat(rows("SELECT column_name, data_type FROM information_schema.columns "
        + "WHERE table_name = '" + table + "' ORDER BY ordinal_position")).containsExactly(
            List.of("id", "bigint"), List.of("name", "text"),
            List.of("price", "double precision"), List.of("active", "boolean"),
            List.of("tags", "jsonb"), List.of("meta", "jsonb"), List.of("note", "text"));
    assertThat(rows("SELECT a.attname FROM pg_index i JOIN pg_attribute a "
        + "ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
        + "WHERE i.indrelid = '" + table + "'::regclass AND i.indisprimary"))
        .containsExactly(List.of("id"));
    assertThat(rows("SELECT id, name, price, active, tags::text, meta->>'origin', note FROM "
        + table + " ORDER BY id")).containsExactly(
            List.of(1L, "apple", 1.5, true, "[\"red\", \"sweet\"]", "NZ", "null"),
            List.of(2L, "pear", "null", "null", "null", "null", "ripe"));
  }

  @Test
  void valuesAreParsedByEachColumnsOwnType() throws Exception {
    sql("CREATE TABLE " + table + " (id bigint PRIMARY KEY, tags text[], counts integer[], "
        + "doc jsonb, at timestamptz, day date, flag boolean, price numeric(10,2), ratio real, "
        + "uid uuid, label varchar(20), data bytea)");
    SinkConnector sink = start(Map.of());
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("id", 1);
    value.put("tags", List.of("a", "b \"quoted\" \\ {x}", ""));
    value.put("counts", java.util.Arrays.asList(1, null, 3));
    value.put("doc", Map.of("list", java.util.Arrays.asList(1, "two\n", null)));
    value.put("at", "2024-05-01T10:00:00Z");
    value.put("day", "2024-05-01");
    value.put("flag", true);
    value.put("price", 3.0);
    value.put("ratio", 0.5);
    value.put("uid", "6f1c1a52-9f5c-4b5e-8d55-0a4d2f3b9e10");
    value.put("label", 12345);
    value.put("data", "AAH/"); // base64, as JSON carries bytes

    sink.write(List.of(Record.of(value, 0L)));

    assertThat(rows("SELECT tags, counts::text, doc::text, (at AT TIME ZONE 'UTC')::text, "
        + "day::text, flag, price::text, ratio, uid::text, label, encode(data, 'hex') FROM " + table))
        .singleElement().satisfies(row -> {
          assertThat(row.get(0)).isInstanceOf(java.sql.Array.class);
          assertThat((Object[]) ((java.sql.Array) row.get(0)).getArray())
              .containsExactly("a", "b \"quoted\" \\ {x}", "");
          assertThat(row.subList(1, row.size())).containsExactly("{1,NULL,3}",
              "{\"list\": [1, \"two\\n\", null]}", "2024-05-01 10:00:00", "2024-05-01",
              true, "3.00", 0.5f, "6f1c1a52-9f5c-4b5e-8d55-0a4d2f3b9e10", "12345", "0001ff");
        });
  }

  @Test
  void aTerminatedConnectionIsRetriableAndTheNextWriteReconnects() throws Exception {
    sql("CREATE TABLE " + table + " (id bigint PRIMARY KEY, name text)");
    SinkConnector sink = start("it/terminate", Map.of());
    sink.write(names(0, 10));

    assertThat(rows("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
        + "WHERE application_name = 'sluice it/terminate'")).containsExactly(List.of(true));
    RetriableException lost =
        catchThrowableOfType(RetriableException.class, () -> sink.write(names(10, 20)));
    sink.write(names(10, 20));

    assertThat(lost).as("a write on the terminated connection").isNotNull();
    log.info("after pg_terminate_backend: {}", lost.getMessage());
    assertThat(lost.getMessage()).contains(table).contains("new connection");
    assertThat(rows("SELECT count(*) FROM " + table)).containsExactly(List.of(20L));
  }

  @Test
  void tenThousandUpsertsInBatches() throws Exception {
    sql("CREATE TABLE " + table + " (id bigint PRIMARY KEY, version integer NOT NULL, "
        + "amount numeric(12,2))");
    SinkConnector sink = start(Map.of());
    int size = sink.batching().maxRecords();
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      records.add(Record.of(Map.of("id", i % 1_000, "version", i / 1_000, "amount", i * 0.25), 0L));
    }

    long started = System.nanoTime();
    for (int from = 0; from < records.size(); from += size) {
      sink.write(records.subList(from, Math.min(from + size, records.size())));
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    log.info("10,000 upserts onto 1,000 keys in batches of {}: {} ms", size, millis);

    assertThat(size).isEqualTo(500);
    assertThat(rows("SELECT count(*), min(version), max(version), sum(amount) FROM " + table))
        .containsExactly(List.of(1_000L, 9, 9, new BigDecimal("2374875.00")));
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedByIndexAndOnlyTheRecordsBeforeItAreCommitted()
      throws Exception {
    sql("CREATE TABLE " + table + " (id bigint PRIMARY KEY, name text, qty integer)");
    SinkConnector sink = start(Map.of("mode", "insert"));
    List<Record> batch = new ArrayList<>(List.of(Record.of(row(0, "a", 1), 0L),
        Record.of(row(1, "b", 2), 0L), Record.of(row(2, "c", 3), 0L),
        Record.of(Map.of("id", 3, "name", "d", "qty", "many"), 0L), Record.of(row(4, "e", 5), 0L)));

    PermanentException refused =
        catchThrowableOfType(PermanentException.class, () -> sink.write(batch));

    log.info("refused: {}", refused.getMessage());
    assertThat(refused.recordIndex()).hasValue(3);
    assertThat(refused.getMessage()).contains("table " + table)
        .contains("column qty (integer) = \"many\"").contains("convert it");
    assertThat(rows("SELECT id FROM " + table + " ORDER BY id"))
        .as("the records before the refused one, and none after it")
        .containsExactly(List.of(0L), List.of(1L), List.of(2L));
  }

  @Test
  void constraintViolationsNameTheColumnOrTheConstraint() throws Exception {
    sql("CREATE TABLE " + table + " (id bigint PRIMARY KEY, name text NOT NULL, "
        + "qty integer CONSTRAINT qty_not_negative CHECK (qty >= 0))");
    SinkConnector sink = start(Map.of());
    Map<String, Object> nameless = row(2, null, 1);

    PermanentException negative = catchThrowableOfType(PermanentException.class,
        () -> sink.write(List.of(Record.of(row(1, "a", -1), 0L))));
    PermanentException missing = catchThrowableOfType(PermanentException.class,
        () -> sink.write(List.of(Record.of(row(1, "a", 1), 0L), Record.of(nameless, 0L))));

    log.info("refused: {}", negative.getMessage());
    log.info("refused: {}", missing.getMessage());
    assertThat(negative.recordIndex()).hasValue(0);
    assertThat(negative.getMessage()).contains("qty_not_negative").contains("breaks the constraint");
    assertThat(missing.recordIndex()).hasValue(1);
    assertThat(missing.getMessage()).contains("column name (text) = NULL")
        .contains("column name is NOT NULL");
  }

  @Test
  void aDuplicateInInsertModeIsRefusedWithTheFix() throws Exception {
    sql("CREATE TABLE " + table + " (id bigint PRIMARY KEY, name text, qty integer)");
    SinkConnector sink = start(Map.of("mode", "insert"));
    sink.write(List.of(Record.of(row(1, "a", 1), 0L)));

    PermanentException refused = catchThrowableOfType(PermanentException.class,
        () -> sink.write(List.of(Record.of(row(2, "b", 1), 0L), Record.of(row(1, "a", 2), 0L))));

    log.info("refused: {}", refused.getMessage());
    assertThat(refused.recordIndex()).hasValue(1);
    assertThat(refused.getMessage()).contains("Key (id)=(1) already exists")
        .contains("use mode upsert");
  }

  @Test
  void anUnknownFieldIsRefusedNamingItUnlessIgnoredOrAddedToTheTable() throws Exception {
    sql("CREATE TABLE " + table + " (id bigint PRIMARY KEY, name text)");
    SinkConnector strict = start(Map.of());
    SinkConnector lenient = start(Map.of("ignoreUnknownFields", true));
    Record coloured = Record.of(Map.of("id", 2, "name", "b", "colour", "red"), 0L);

    PermanentException refused = catchThrowableOfType(PermanentException.class,
        () -> strict.write(List.of(Record.of(Map.of("id", 1, "name", "a"), 0L), coloured)));
    lenient.write(List.of(coloured));
    sql("ALTER TABLE " + table + " ADD COLUMN colour text");
    strict.write(List.of(Record.of(Map.of("id", 3, "name", "c", "colour", "blue"), 0L)));

    log.info("refused: {}", refused.getMessage());
    assertThat(refused.recordIndex()).hasValue(1);
    assertThat(refused.getMessage()).contains("field 'colour'").contains(table)
        .contains("ignoreUnknownFields: true");
    assertThat(rows("SELECT id, colour FROM " + table + " ORDER BY id")).containsExactly(
        List.of(1L, "null"), List.of(2L, "null"), List.of(3L, "blue"));
  }

  @Test
  void columnExpressionsComputeTheRow() throws Exception {
    sql("CREATE TABLE " + table + " (id bigint PRIMARY KEY, customer text, total numeric)");
    SinkConnector sink = start(Map.of("columns",
        Map.of("id", "order.id", "customer", "$uppercase(order.customer)", "total", "qty * price")));

    sink.write(List.of(Record.of(
        Map.of("order", Map.of("id", 7, "customer", "ada"), "qty", 3, "price", 2.5), 0L)));

    assertThat(rows("SELECT id, customer, total FROM " + table))
        .containsExactly(List.of(7L, "ADA", new BigDecimal("7.5")));
  }

  @Test
  void startRefusesWhatCannotWork() throws Exception {
    sql("CREATE TABLE " + table + " (id bigint, name text)");

    assertThat(problems(Map.of("url", url + "&socketFactory=com.example.Evil", "table", table)))
        .singleElement().satisfies(p -> assertThat(p.message()).contains("socketFactory"));
    assertThat(problems(Map.of("url", url, "table", table))).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("has no primary key"));
    assertThat(problems(Map.of("url", url, "table", table, "key", List.of("id"))))
        .singleElement().satisfies(p -> assertThat(p.message()).contains("no unique index"));
    assertThat(problems(Map.of("url", url, "table", "missing_" + table))).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("does not exist")
            .contains("createTable: true"));
  }

  private List<Problem> problems(Map<String, Object> config) {
    ConfigException refused = catchThrowableOfType(ConfigException.class, () -> {
      try (SinkConnector sink = new JdbcOutputProvider().create()) {
        sink.start(new ConformanceContext("it/refused", config, Optional.empty(), Map.of()));
      }
    });
    assertThat(refused).as("start with %s", config).isNotNull();
    return refused.problems();
  }

  private SinkConnector start(Map<String, Object> config) throws ComponentException {
    return start("it/" + table, config);
  }

  private SinkConnector start(String stream, Map<String, Object> config)
      throws ComponentException {
    Map<String, Object> full = new HashMap<>(config);
    full.put("url", url);
    full.put("table", table);
    SinkConnector sink = new JdbcOutputProvider().create();
    started.add(sink);
    sink.start(new ConformanceContext(stream, full, Optional.empty(), Map.of()));
    return sink;
  }

  private static Map<String, Object> row(long id, String name, int qty) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("name", name);
    row.put("qty", qty);
    return row;
  }

  private static List<Record> names(int from, int to) {
    List<Record> records = new ArrayList<>();
    for (int i = from; i < to; i++) {
      records.add(Record.of(Map.of("id", i, "name", "n" + i), 0L));
    }
    return records;
  }

  /** A change event as the postgres_cdc input writes it, keyed by the row's id. */
  private static Record event(String op, long id, Map<String, Object> before,
      Map<String, Object> after) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("op", op);
    value.put("before", before);
    value.put("after", after);
    value.put("source", Map.of("lsn", 1000 + id, "txId", 7, "ts", 1_700_000_000_000L));
    return new Record(Map.of("id", id), value, Map.of(), 0L);
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  /** The rows {@code query} returns, each as a list; SQL NULL as the string "null". */
  private List<List<Object>> rows(String query) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Connection c = database.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(query)) {
      ResultSetMetaData meta = r.getMetaData();
      while (r.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          Object value = r.getObject(i);
          row.add(value == null ? "null" : value);
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
