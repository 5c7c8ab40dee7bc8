package dev.sluice.connectors.postgrescdc;

import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Postgres CDC -> Kafka through the {@code postgres_cdc} input (driven like the worker's source
 * runner: poll, produce, flush, store the position, acknowledge) against the raw Debezium embedded
 * engine writing to Kafka, on the same database in the same run; prints records/s of each, their
 * ratio and each run's RSS. Not part of any test run: start it by hand (see the module's
 * benchmark section in docs/components/postgres_cdc.md).
 *
 * <p>One embedded Postgres and one embedded Kafka broker; a table of {@code --records} inserted
 * rows ({@code --rows-per-transaction} per transaction), streamed (no snapshot) from one
 * replication slot per run, every slot created before the inserts so each run reads the same
 * changes. Each run is a JVM of its own ({@code -Xmx1g}, the same class path), so its RSS is its
 * own; runs alternate the order of the variants round by round.
 */
public final class CdcBenchmark {

  private static final Pattern RESULT = Pattern.compile(
      "RESULT records=(\\d+) seconds=([\\d.]+) rssKb=(-?\\d+) peakRssKb=(-?\\d+)");
  private static final String DATABASE = "bench";
  private static final String PUBLICATION = "bench_publication";

  private record Run(String variant, int round, double recordsPerSecond, long peakRssKb) {}

  private CdcBenchmark() {}

  /** Options: {@code --records=200000 --rounds=3 --rows-per-transaction=100}. */
  public static void main(String[] args) throws Exception {
    long records = option(args, "records", 200_000);
    int rounds = (int) option(args, "rounds", 3);
    long perTransaction = option(args, "rows-per-transaction", 100);
    Path logs = Files.createTempDirectory("cdc-bench-");
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().start();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
            .serverConfig("max_replication_slots", Integer.toString(2 * rounds + 4))
            .serverConfig("max_wal_senders", Integer.toString(2 * rounds + 4))
            .serverConfig("shared_buffers", "256MB")
            .start()) {
      postgres.createDatabase(DATABASE);
      createTopic(kafka, "sluice.offsets");
      List<String> slots = prepare(postgres, rounds, records, perTransaction);
      List<Run> runs = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        List<String> order = round % 2 == 0 ? List.of("sluice", "debezium")
            : List.of("debezium", "sluice");
        for (String variant : order) {
          String slot = "bench_" + variant + "_" + round;
          if (!slots.contains(slot)) {
            throw new IllegalStateException("no slot " + slot);
          }
          String topic = "cdc-bench-" + variant + "-" + round;
          createTopic(kafka, topic);
          System.out.printf("round %d/%d: %s ...%n", round + 1, rounds, variant);
          Run run = run(variant, round, postgres, kafka, slot, topic, records,
              logs.resolve(topic + ".log"));
          System.out.printf("round %d/%d: %s %,.0f records/s, peak RSS %,d MB%n", round + 1,
              rounds, variant, run.recordsPerSecond(), run.peakRssKb() / 1024);
          runs.add(run);
        }
      }
      print(runs, records);
      System.out.println("logs of the runs: " + logs);
    }
  }

  /** Creates the table, publication and every run's slot, then inserts the rows. */
  private static List<String> prepare(EmbeddedPostgres postgres, int rounds, long records,
      long perTransaction) throws Exception {
    List<String> slots = new ArrayList<>();
    try (Connection connection = postgres.dataSource(DATABASE).getConnection();
        Statement sql = connection.createStatement()) {
      sql.execute("CREATE TABLE bench_events (id bigint PRIMARY KEY, customer text NOT NULL, "
          + "amount numeric(10,2) NOT NULL, created timestamptz NOT NULL, note text)");
      sql.execute("CREATE PUBLICATION " + PUBLICATION + " FOR TABLE bench_events");
      for (int round = 0; round < rounds; round++) {
        for (String variant : List.of("sluice", "debezium")) {
          String slot = "bench_" + variant + "_" + round;
          sql.execute("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
          slots.add(slot);
        }
      }
      System.out.printf("inserting %,d rows, %,d per transaction ...%n", records, perTransaction);
      for (long first = 1; first <= records; first += perTransaction) {
        long last = Math.min(records, first + perTransaction - 1);
        sql.execute("INSERT INTO bench_events SELECT g, 'customer-' || (g % 1000), "
            + "(g % 10000) / 100.0, now(), 'order ' || g || ' of the benchmark' "
            + "FROM generate_series(" + first + ", " + last + ") g");
      }
    }
    return slots;
  }

  private static Run run(String variant, int round, EmbeddedPostgres postgres, EmbeddedKafka kafka,
      String slot, String topic, long records, Path log) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-Xms256m", "-Xmx1g",
        "-cp", System.getProperty("java.class.path"), CdcBenchmarkRun.class.getName(), variant,
        Integer.toString(postgres.port()), DATABASE, slot, PUBLICATION, kafka.bootstrapServers(),
        topic, Long.toString(records))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException(variant + " run failed; see " + log);
    }
    for (String line : Files.readAllLines(log)) {
      Matcher m = RESULT.matcher(line);
      if (m.find()) {
        return new Run(variant, round, Long.parseLong(m.group(1)) / Double.parseDouble(m.group(2)),
            Long.parseLong(m.group(4)));
      }
    }
    throw new IllegalStateException(variant + " run printed no result; see " + log);
  }

  private static void print(List<Run> runs, long records) {
    Map<String, List<Run>> byVariant = new TreeMap<>();
    runs.forEach(r -> byVariant.computeIfAbsent(r.variant(), v -> new ArrayList<>()).add(r));
    System.out.printf("%n%,d changes per run%n%-10s %14s %22s %14s%n", records, "variant",
        "median records/s", "min - max", "peak RSS (MB)");
    Map<String, Double> medians = new TreeMap<>();
    byVariant.forEach((variant, list) -> {
      List<Double> rates = list.stream().map(Run::recordsPerSecond).sorted().toList();
      double median = rates.get(rates.size() / 2);
      medians.put(variant, median);
      long rss = list.stream().map(Run::peakRssKb).sorted(Comparator.naturalOrder()).toList()
          .get(list.size() / 2) / 1024;
      System.out.printf("%-10s %,14.0f %,10.0f - %,-10.0f %14d%n", variant, median, rates.get(0),
          rates.get(rates.size() - 1), rss);
    });
    if (medians.containsKey("sluice") && medians.containsKey("debezium")) {
      System.out.printf("sluice / debezium = %.2f%n",
          medians.get("sluice") / medians.get("debezium"));
    }
  }

  private static void createTopic(EmbeddedKafka kafka, String topic) throws InterruptedException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topic " + topic, e);
    }
  }

  private static long option(String[] args, String name, long absent) {
    for (String arg : args) {
      if (arg.startsWith("--" + name + "=")) {
        return Long.parseLong(arg.substring(name.length() + 3));
      }
    }
    return absent;
  }
}
