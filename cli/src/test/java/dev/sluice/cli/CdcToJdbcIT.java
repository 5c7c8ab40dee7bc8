package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.controlplane.ControlPlane;
import dev.sluice.controlplane.scheduler.InstanceStatus;
import dev.sluice.controlplane.scheduler.StatusQueries;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.KafkaExtension;
import dev.sluice.testkit.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Postgres CDC -> Kafka -> jdbc into another Postgres database, through the control plane and two
 * worker processes that load both connectors from the plugins directory the build assembles. A
 * table of 10,000 rows is snapshotted; then 10,000 inserts, updates and deletes stream through,
 * and the worker running the stream is killed with SIGKILL half way. The other worker resumes it
 * without a second snapshot, and the two tables end identical.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class CdcToJdbcIT {

  private static final Path PLUGINS = Path.of("../target/plugins");
  private static final int ROWS = 10_000;
  private static final int CHANGES = 10_000;
  private static final Duration LEASE = Duration.ofSeconds(4);
  private static final String JOIN = "cdc-join";

  @TempDir Path state;
  private final Map<String, Process> workers = new HashMap<>();
  private ControlPlane controlPlane;
  private InstalledComponents installed;

  @AfterEach
  void stop() {
    workers.values().forEach(Process::destroyForcibly);
    if (controlPlane != null) {
      controlPlane.close();
    }
    if (installed != null) {
      installed.close();
    }
  }

  @Test
  void aSnapshotAndTenThousandChangesArriveIdenticalThroughAWorkerKill(EmbeddedKafka kafka,
      EmbeddedPostgres postgres) throws Exception {
    String source = postgres.createDatabase("cdc_source");
    String target = postgres.createDatabase("cdc_target");
    String table = "CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, balance bigint NOT NULL)";
    try (Connection src = connect(source); Connection dst = connect(target);
        Statement s = src.createStatement(); Statement d = dst.createStatement()) {
      s.execute(table);
      d.execute(table);
      s.execute("INSERT INTO accounts SELECT i, 'account ' || i, i * 10 FROM generate_series(0, " + (ROWS - 1) + ") i");
    }
    installed = InstalledComponents.load(PLUGINS, line -> { });
    assertThat(installed.components().names()).as("plugins built into " + PLUGINS.toAbsolutePath())
        .contains("input/postgres_cdc", "output/jdbc");
    String database = postgres.createDatabase("cdc_control");
    controlPlane = TestControlPlane.start(database, kafka, JOIN, LEASE, installed.catalog());
    for (String name : List.of("cdc-w1", "cdc-w2")) {
      workers.put(name, WorkerProcess.start(controlPlane.grpcPort(), JOIN, state, name,
          "--ingest-port", "0", "--plugins", PLUGINS.toString()));
    }
    controlPlane.streams().create("""
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: accounts, namespace: it}
        spec:
          input:
            postgres_cdc:
              hostname: localhost
              port: %d
              database: cdc_source
              user: postgres
              password: ""
              tables: [public.accounts]
          output:
            jdbc:
              url: "%s"
              user: postgres
              password: ""
              table: accounts
              mode: upsert
              key: [id]
        """.formatted(postgres.port(), target), "it");

    await().atMost(Duration.ofSeconds(120)).until(() -> count(target) == ROWS);

    StatusQueries status = new StatusQueries(Jdbi.create(database, "postgres", ""));
    Random random = new Random(42);
    int nextId = ROWS;
    try (Connection src = connect(source); Statement s = src.createStatement()) {
      for (int i = 0; i < CHANGES; i++) {
        switch (random.nextInt(3)) {
          case 0 -> s.execute("INSERT INTO accounts VALUES (" + nextId + ", 'new " + nextId + "', " + nextId++ + ")");
          case 1 -> s.execute("UPDATE accounts SET balance = balance + " + i + ", name = 'changed " + i
              + "' WHERE id = " + random.nextInt(nextId));
          default -> s.execute("DELETE FROM accounts WHERE id = " + random.nextInt(nextId));
        }
        if (i == CHANGES / 2) {
          String running = status.status("it", "accounts").orElseThrow().instances().stream()
              .map(InstanceStatus::workerName).findFirst().orElseThrow();
          workers.get(running).destroyForcibly().waitFor();
        }
      }
    }

    await().atMost(Duration.ofSeconds(180)).until(() -> rows(target).equals(rows(source)));
    assertThat(rows(target)).hasSizeGreaterThan(ROWS / 2);
    assertThat(snapshotReads(kafka)).as("snapshot records (op r) in the ingress topic: one snapshot only")
        .isEqualTo(ROWS);
  }

  /** Snapshot events ({@code "op":"r"}) the source wrote to the stream's ingress topic. */
  private static long snapshotReads(EmbeddedKafka kafka) {
    String topic = "sluice.s.it.accounts.in";
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long reads = 0;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.value() != null && r.value().contains("\"op\":\"r\"")) {
            reads++;
          }
        }
      }
      return reads;
    }
  }

  private static long count(String url) throws SQLException {
    try (Connection c = connect(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM accounts")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> rows(String url) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = connect(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, name, balance FROM accounts ORDER BY id")) {
      while (rs.next()) {
        rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getLong(3));
      }
    }
    return rows;
  }

  private static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url, EmbeddedPostgres.USER, "");
  }
}
