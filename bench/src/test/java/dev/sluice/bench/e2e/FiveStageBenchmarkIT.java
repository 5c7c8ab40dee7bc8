package dev.sluice.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.KafkaExtension;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five-stage workload on a real broker: the Kafka Streams app (b) and the Sluice stream (c)
 * each write one update per kept event, and the last update of every window equals a brute-force
 * computation over the input topic, paced events included; every paced event has a latency. Says
 * nothing about speed.
 */
@ExtendWith(KafkaExtension.class)
class FiveStageBenchmarkIT {

  private static final long RECORDS = 2_000;

  @TempDir Path state;

  @Test
  void bothVariantsWriteTheSameWindowResults(EmbeddedKafka kafka) throws Exception {
    BenchmarkOptions options = BenchmarkOptions.parse("--workload=five-stage", "--records=" + RECORDS,
        "--warmup-records=0", "--latency-rate=500", "--latency-seconds=1", "--warmup-rounds=0", "--rounds=1");
    PrintStream progress = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    List<VariantResult> results = EndToEndBenchmark.run(kafka.bootstrapServers(), state, options, progress);

    assertThat(results).extracting(VariantResult::variant).containsExactly(Variant.STREAMS, Variant.SLUICE);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        OutputProbe probe = new OutputProbe(kafka.bootstrapServers(), admin, progress)) {
      for (VariantResult r : results) {
        assertThat(r.outputs()).as("%s outputs", r.variant()).isEqualTo(Events.kept(RECORDS));
        assertThat(r.latency().getTotalCount()).as("%s latencies", r.variant())
            .isEqualTo(Events.kept(RECORDS + 500) - Events.kept(RECORDS));
        Map<String, String> expected = bruteForce(probe, EndToEndBenchmark.input(Workload.FIVE_STAGE, r.variant(), 1));
        assertThat(lastUpdates(probe, EndToEndBenchmark.output(Workload.FIVE_STAGE, r.variant(), 1)))
            .as("last result of each window of %s", r.variant().label())
            .isEqualTo(expected)
            .isNotEmpty();
      }
    }
  }

  /** Count, revenue, largest and average per type and 10 s window, from every event of {@code topic}. */
  private static Map<String, String> bruteForce(OutputProbe probe, String topic) {
    Map<String, long[]> windows = new TreeMap<>();
    probe.forEach(topic, Map.of(), (ConsumerRecord<byte[], byte[]> r) -> {
      JsonNode event = EventTransform.decode(r.value());
      if (EventTransform.keep(event)) {
        long start = event.path("ts").asLong() / 10_000 * 10_000;
        long[] stats = windows.computeIfAbsent(event.path("type").asText() + " @ " + Instant.ofEpochMilli(start),
            k -> new long[] {0, 0, Long.MIN_VALUE});
        long amount = event.path("amount").asLong();
        stats[0]++;
        stats[1] += amount;
        stats[2] = Math.max(stats[2], amount);
      }
    });
    Map<String, String> described = new TreeMap<>();
    windows.forEach((window, s) -> described.put(window, describe(s[0], s[1], s[2], (double) s[1] / s[0])));
    return described;
  }

  /** The last result written for each window of {@code topic}, in the terms of {@link #bruteForce}. */
  private static Map<String, String> lastUpdates(OutputProbe probe, String topic) {
    Map<String, String> last = new TreeMap<>();
    probe.forEach(topic, Map.of(), (ConsumerRecord<byte[], byte[]> r) -> {
      JsonNode result = EventTransform.decode(r.value());
      last.put(result.path("key").asText() + " @ " + result.path("windowStart").asText(),
          describe(result.path("count").asLong(), result.path("revenue").asLong(), result.path("largest").asLong(),
              result.path("average").asDouble()));
    });
    return last;
  }

  private static String describe(long count, long revenue, long largest, double average) {
    return String.format("count %d, revenue %d, largest %d, average %.6f", count, revenue, largest, average);
  }
}
