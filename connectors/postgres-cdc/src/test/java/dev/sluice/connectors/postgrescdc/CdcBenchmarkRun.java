package dev.sluice.connectors.postgrescdc;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.component.SourceConnector;
import dev.sluice.api.component.SourceRecord;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One measured run of {@link CdcBenchmark}, in a JVM of its own so its RSS is its own: reads
 * {@code records} changes from a prepared slot and writes them to a Kafka topic, either through
 * the {@code postgres_cdc} input driven as the worker's source runner drives it, or with the raw
 * Debezium embedded engine. Prints one line {@code RESULT records=.. seconds=.. rssKb=..
 * peakRssKb=..}; the clock runs from the first change received to the last one confirmed.
 *
 * <p>Arguments: {@code sluice|debezium port database slot publication bootstrap topic records}.
 * Not a test; run by {@link CdcBenchmark}.
 */
public final class CdcBenchmarkRun {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CdcBenchmarkRun() {}

  public static void main(String[] args) throws Exception {
    String variant = args[0];
    int port = Integer.parseInt(args[1]);
    String database = args[2];
    String slot = args[3];
    String publication = args[4];
    String bootstrap = args[5];
    String topic = args[6];
    long records = Long.parseLong(args[7]);
    long[] window;
    try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
      window = variant.equals("sluice")
          ? sluice(port, database, slot, publication, producer, topic, records)
          : debezium(port, database, slot, publication, producer, topic, records);
    }
    double seconds = (window[1] - window[0]) / 1e9;
    System.out.printf("RESULT records=%d seconds=%.3f rssKb=%d peakRssKb=%d%n", records, seconds,
        status("VmRSS"), status("VmHWM"));
    System.exit(0);
  }

  /** As the worker's SourceRunner: poll, send, flush, store the position, acknowledge. */
  private static long[] sluice(int port, String database, String slot, String publication,
      KafkaProducer<byte[], byte[]> producer, String topic, long records) throws Exception {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("hostname", "localhost");
    config.put("port", (long) port);
    config.put("database", database);
    config.put("user", "postgres");
    config.put("tables", List.of("public.bench_events"));
    config.put("snapshot", "never");
    config.put("slot", slot);
    config.put("publication", publication);
    long first = 0;
    long count = 0;
    try (SourceConnector source = new PostgresCdcInputProvider().create()) {
      source.start(new TestSourceContext(0, config, Optional.empty()));
      while (count < records) {
        List<SourceRecord> batch = source.poll(Duration.ofMillis(200));
        if (batch.isEmpty()) {
          continue;
        }
        if (first == 0) {
          first = System.nanoTime();
        }
        for (SourceRecord r : batch) {
          producer.send(new ProducerRecord<>(topic, null, r.record().timestamp(),
              JSON.writeValueAsBytes(r.record().key()), JSON.writeValueAsBytes(r.record().value())));
        }
        producer.flush();
        Map<String, Object> position = batch.get(batch.size() - 1).position();
        producer.send(new ProducerRecord<>("sluice.offsets", slot.getBytes(StandardCharsets.UTF_8),
            JSON.writeValueAsBytes(position))).get();
        source.acknowledge(position);
        count += batch.size();
      }
      return new long[] {first, System.nanoTime()};
    }
  }

  /** The raw engine: send each batch, flush, mark it processed. */
  private static long[] debezium(int port, String database, String slot, String publication,
      KafkaProducer<byte[], byte[]> producer, String topic, long records) throws Exception {
    Properties p = new Properties();
    p.setProperty("name", slot);
    p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
    p.setProperty("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
    p.setProperty("topic.prefix", slot);
    p.setProperty("database.hostname", "localhost");
    p.setProperty("database.port", Integer.toString(port));
    p.setProperty("database.dbname", database);
    p.setProperty("database.user", "postgres");
    p.setProperty("plugin.name", "pgoutput");
    p.setProperty("slot.name", slot);
    p.setProperty("publication.name", publication);
    p.setProperty("publication.autocreate.mode", "filtered");
    p.setProperty("table.include.list", "public\\.bench_events");
    p.setProperty("snapshot.mode", "no_data");
    p.setProperty("converter.schemas.enable", "false");
    AtomicLong count = new AtomicLong();
    AtomicLong first = new AtomicLong();
    AtomicLong last = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    DebeziumEngine<ChangeEvent<String, String>> engine = DebeziumEngine.create(Json.class)
        .using(p)
        .notifying((events, committer) -> {
          first.compareAndSet(0, System.nanoTime());
          for (ChangeEvent<String, String> e : events) {
            producer.send(new ProducerRecord<>(topic, bytes(e.key()), bytes(e.value())));
          }
          producer.flush();
          for (ChangeEvent<String, String> e : events) {
            committer.markProcessed(e);
          }
          committer.markBatchFinished();
          if (count.addAndGet(events.size()) >= records && last.compareAndSet(0, System.nanoTime())) {
            done.countDown();
          }
        })
        .build();
    Thread thread = new Thread(engine, "raw-debezium");
    thread.setDaemon(true);
    thread.start();
    if (!done.await(30, TimeUnit.MINUTES)) {
      throw new IllegalStateException("the raw engine did not deliver " + records + " changes");
    }
    engine.close();
    return new long[] {first.get(), last.get()};
  }

  private static byte[] bytes(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    // The settings of the worker's SourceRunner, for both variants.
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** A {@code kB} line of /proc/self/status, such as VmRSS (now) or VmHWM (peak). */
  private static long status(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }
}
