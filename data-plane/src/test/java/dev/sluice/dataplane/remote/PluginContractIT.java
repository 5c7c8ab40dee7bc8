package dev.sluice.dataplane.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.sluice.api.error.ConfigException;
import dev.sluice.proto.v1.DescribeResponse;
import dev.sluice.proto.v1.PluginRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every example plugin must do, run against the real plugin process launched from its
 * plugin.yaml by {@link PluginProcess} and driven by {@link RemoteProcessor}: describe itself,
 * transform 100,000 records with order per key kept, survive a SIGKILL mid-run without losing a
 * record, report a permanent error for the one record it concerns, and refuse a bad config.
 */
abstract class PluginContractIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int KEYS = 97;
  private static final String CONFIG = "{\"field\": \"name\"}";

  private PluginProcess plugin;

  /** The plugin.yaml of the plugin under test. */
  abstract Path manifest();

  /** Where the example plugins are, from data-plane/ where Maven runs the tests. */
  static Path examples() {
    return Path.of("..", "plugins", "examples").toAbsolutePath().normalize();
  }

  @BeforeEach
  void launch() throws Exception {
    plugin = PluginProcess.start(PluginManifest.read(manifest()));
  }

  @AfterEach
  void stop() {
    plugin.close();
  }

  @Test
  void describesItselfToTheSupervisorAndToAClientThatOnlyHasItsAddress() {
    DescribeResponse description = plugin.description();

    assertThat(description.getName()).isEqualTo("uppercase");
    assertThat(description.getSummary()).isNotBlank();
    assertThat(description.getConfigSchemaJson()).contains("\"field\"");
    try (RemoteProcessor remote = remote(100)) {
      assertThat(remote.describe()).isEqualTo(description);
    }
  }

  @Test
  void transformsOneHundredThousandRecordsInOrderPerKey() throws Exception {
    List<PluginRecord> input = records(100_000);

    List<RemoteResult> results;
    try (RemoteProcessor remote = remote(100)) {
      results = runInChunks(remote, input, () -> {});
    }

    assertInOrderPerKey(input, results);
  }

  @Test
  void losesNoRecordWhenThePluginIsKilledMidRun() throws Exception {
    List<PluginRecord> input = records(100_000);
    long firstPid = plugin.pid().orElseThrow();

    List<RemoteResult> results;
    try (RemoteProcessor remote = remote(100)) {
      results = runInChunks(remote, input, () -> ProcessHandle.of(firstPid).orElseThrow().destroyForcibly());
    }

    assertThat(plugin.restarts()).isGreaterThanOrEqualTo(1);
    assertThat(plugin.pid().orElseThrow()).isNotEqualTo(firstPid);
    assertInOrderPerKey(input, results);
  }

  @Test
  void reportsAPermanentErrorForThatRecordOnly() throws Exception {
    List<PluginRecord> input = new ArrayList<>(records(10));
    input.set(4, record("k-bad", "{\"name\": 42}"));

    List<RemoteResult> results;
    try (RemoteProcessor remote = remote(100)) {
      results = remote.process(input).get(1, TimeUnit.MINUTES);
    }

    assertThat(results).hasSize(10);
    assertThat(results.get(4)).isInstanceOfSatisfying(RemoteResult.Failed.class,
        failed -> assertThat(failed.message()).contains("name").contains("42"));
    for (int i = 0; i < 10; i++) {
      if (i != 4) {
        assertThat(results.get(i)).isInstanceOf(RemoteResult.Output.class);
        assertThat(value(((RemoteResult.Output) results.get(i)).records().get(0)).get("name").asText())
            .isEqualTo("NAME-" + i);
      }
    }
  }

  @Test
  void refusesABadConfigNamingTheField() throws Exception {
    try (RemoteProcessor remote = new RemoteProcessor("test", plugin.target(), "{\"field\": 42}",
        RemoteProcessorSettings.DEFAULTS)) {
      CompletableFuture<List<RemoteResult>> results = remote.process(records(1));

      assertThatThrownBy(() -> results.get(1, TimeUnit.MINUTES))
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(ConfigException.class)
          .hasMessageContaining("config.field").hasMessageContaining("42");
    }
  }

  private RemoteProcessor remote(int batchSize) {
    return new RemoteProcessor("test", plugin.target(), CONFIG,
        RemoteProcessorSettings.DEFAULTS.withBatchSize(batchSize).withMaxInFlight(4));
  }

  /**
   * Hands the input over in chunks of 1,000, as a stage does with what it polled, and calls
   * {@code midway} once a fifth of them came back.
   */
  private static List<RemoteResult> runInChunks(RemoteProcessor remote, List<PluginRecord> input, Runnable midway)
      throws Exception {
    List<CompletableFuture<List<RemoteResult>>> futures = new ArrayList<>();
    boolean called = false;
    for (int from = 0; from < input.size(); from += 1_000) {
      futures.add(remote.process(input.subList(from, Math.min(from + 1_000, input.size()))));
      if (!called && futures.size() > input.size() / 5_000 && futures.get(input.size() / 5_000).isDone()) {
        midway.run();
        called = true;
      }
    }
    List<RemoteResult> results = new ArrayList<>();
    for (CompletableFuture<List<RemoteResult>> future : futures) {
      results.addAll(future.get(2, TimeUnit.MINUTES));
    }
    assertThat(called).as("midway ran while records were in flight").isTrue();
    return results;
  }

  /** Every input came back once, upper-cased, and each key's records in their order. */
  private static void assertInOrderPerKey(List<PluginRecord> input, List<RemoteResult> results) throws IOException {
    assertThat(results).hasSize(input.size());
    Map<String, Integer> nextSeq = new HashMap<>();
    for (RemoteResult result : results) {
      assertThat(result).isInstanceOf(RemoteResult.Output.class);
      List<PluginRecord> out = ((RemoteResult.Output) result).records();
      assertThat(out).hasSize(1);
      JsonNode value = value(out.get(0));
      String key = out.get(0).getKey().toStringUtf8();
      int expected = nextSeq.getOrDefault(key, 0);
      assertThat(value.get("seq").asInt()).as("next record of key %s", key).isEqualTo(expected);
      assertThat(value.get("name").asText()).isEqualTo(value.get("name").asText().toUpperCase()).startsWith("NAME-");
      nextSeq.put(key, expected + 1);
    }
    assertThat(nextSeq.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(input.size());
  }

  /** {@code count} records over {@value #KEYS} keys, each with its sequence number within its key. */
  static List<PluginRecord> records(int count) {
    List<PluginRecord> records = new ArrayList<>(count);
    int[] seq = new int[KEYS];
    for (int i = 0; i < count; i++) {
      int key = i % KEYS;
      records.add(record("k-" + key, "{\"seq\": " + seq[key]++ + ", \"name\": \"name-" + i + "\", \"n\": " + i + "}"));
    }
    return records;
  }

  static PluginRecord record(String key, String valueJson) {
    return PluginRecord.newBuilder()
        .setKey(ByteString.copyFromUtf8(key))
        .setValue(ByteString.copyFrom(valueJson, StandardCharsets.UTF_8))
        .setTimestampMs(1_700_000_000_000L)
        .build();
  }

  private static JsonNode value(PluginRecord record) throws IOException {
    return JSON.readTree(record.getValue().toByteArray());
  }
}
