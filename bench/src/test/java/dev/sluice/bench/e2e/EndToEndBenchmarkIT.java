package dev.sluice.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.KafkaExtension;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole benchmark harness, a warm-up and a counted round on a thousand records: in each
 * round every variant, in rotated order, must write exactly the records the filter keeps, the same
 * multiset of them, and a latency for every paced record. Says nothing about speed.
 */
@ExtendWith(KafkaExtension.class)
class EndToEndBenchmarkIT {

  private static final long RECORDS = 1_000;
  private static final int PACED_RATE = 1_000;
  private static final int PACED_SECONDS = 1;

  @TempDir Path state;

  @Test
  void everyVariantWritesTheSameFilteredAndMappedRecords(EmbeddedKafka kafka) throws Exception {
    BenchmarkOptions options = BenchmarkOptions.parse("--records=" + RECORDS, "--warmup-records=500",
        "--latency-rate=" + PACED_RATE, "--latency-seconds=" + PACED_SECONDS, "--warmup-rounds=1", "--rounds=1");
    PrintStream progress = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    List<VariantResult> results = EndToEndBenchmark.run(kafka.bootstrapServers(), state, options, progress);

    long paced = (long) PACED_RATE * PACED_SECONDS;
    long pacedKept = Events.kept(RECORDS + paced) - Events.kept(RECORDS);
    assertThat(results).extracting(VariantResult::round, VariantResult::variant).containsExactly(
        tuple(1, Variant.LOOP), tuple(1, Variant.STREAMS), tuple(1, Variant.SLUICE),
        tuple(2, Variant.STREAMS), tuple(2, Variant.SLUICE), tuple(2, Variant.LOOP));
    assertThat(results).allSatisfy(r -> {
      assertThat(r.outputs()).as("%s outputs", r.variant()).isEqualTo(Events.kept(RECORDS));
      assertThat(r.seconds()).as("%s seconds", r.variant()).isPositive();
      assertThat(r.latency().getTotalCount()).as("%s latencies", r.variant()).isEqualTo(pacedKept);
    });
    List<String> expected = expectedOutputs(RECORDS + paced);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        OutputProbe probe = new OutputProbe(kafka.bootstrapServers(), admin, progress)) {
      for (VariantResult r : results) {
        assertThat(outputsWithoutTs(probe, EndToEndBenchmark.output(Workload.FILTER_MAP, r.variant(), r.round())))
            .as("output of %s in round %d", r.variant().label(), r.round())
            .containsExactlyInAnyOrderElementsOf(expected);
      }
      for (Variant v : Variant.values()) {
        assertThat(outputsWithoutTs(probe, EndToEndBenchmark.warmupOutput(Workload.FILTER_MAP, v)))
            .as("warm-up output of %s", v.label())
            .hasSize((int) Events.kept(options.warmupRecords()));
      }
    }
  }

  /** What every variant must write for events {@code 0..count-1}, as key and value. */
  private static List<String> expectedOutputs(long count) {
    List<String> expected = new ArrayList<>();
    for (long seq = 0; seq < count; seq++) {
      JsonNode event = EventTransform.decode(Events.value(seq, 0));
      if (EventTransform.keep(event)) {
        expected.add(describe(Events.key(seq), EventTransform.decode(EventTransform.map(event))));
      }
    }
    return expected;
  }

  /** Each record as key and value, less {@code ts}, which differs between runs of the paced events. */
  private static List<String> outputsWithoutTs(OutputProbe probe, String topic) {
    List<String> outputs = new ArrayList<>();
    probe.forEach(topic, Map.of(), (ConsumerRecord<byte[], byte[]> r) ->
        outputs.add(describe(r.key(), EventTransform.decode(r.value()))));
    return outputs;
  }

  private static String describe(byte[] key, JsonNode value) {
    ((ObjectNode) value).remove("ts");
    return new String(key, StandardCharsets.UTF_8) + " -> " + value;
  }
}
