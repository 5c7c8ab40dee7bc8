package dev.sluice.dataplane.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.definition.ComponentConfig;
import dev.sluice.api.definition.DesiredState;
import dev.sluice.api.definition.ErrorPolicy;
import dev.sluice.api.definition.ErrorPolicy.Action;
import dev.sluice.api.definition.ErrorPolicy.Retry;
import dev.sluice.api.definition.Guarantee;
import dev.sluice.api.definition.Metadata;
import dev.sluice.api.definition.StreamDefinition;
import dev.sluice.api.definition.StreamSpec;
import dev.sluice.expression.JsonataLanguage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Windows, dedupe and join in a stream's topology, on Kafka Streams' test driver. */
class StatefulTopologyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

  private final InstanceCounters counters = new InstanceCounters();
  private TopologyTestDriver driver;
  private TestInputTopic<String, String> in;
  private TestOutputTopic<byte[], byte[]> out;
  private TestOutputTopic<byte[], byte[]> dlq;

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  private void start(ComponentConfig... processors) throws Exception {
    StreamDefinition definition = new StreamDefinition(new Metadata("s", "ns", Map.of(), null), new StreamSpec(
        DesiredState.ACTIVE, 1, Guarantee.AT_LEAST_ONCE,
        new ComponentConfig("kafka", Map.of("topics", List.of("in"), "format", "json")), List.of(processors),
        new ComponentConfig("kafka", Map.of("topic", "out", "format", "json")),
        new ErrorPolicy(Action.DEAD_LETTER, new Retry(0, Duration.ofMillis(1), Duration.ofMillis(1)), Action.FAIL)));
    StreamPlan plan = StreamPlan.of(definition);
    var topology = new StreamTopology(TestStreams.components(0), new JsonataLanguage(),
        Clock.fixed(T0, ZoneOffset.UTC), d -> { }).build(plan, 0, counters);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, plan.topics().applicationId());
    driver = new TopologyTestDriver(topology, props);
    in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
    out = driver.createOutputTopic("out", new ByteArrayDeserializer(), new ByteArrayDeserializer());
    dlq = driver.createOutputTopic(plan.topics().deadLetter(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static ComponentConfig window(String type, Map<String, Object> settings, Map<String, String> aggregate) {
    Map<String, Object> config = new LinkedHashMap<>(settings);
    config.put("type", type);
    config.putIfAbsent("grace", "0s");
    config.putIfAbsent("emit", "final");
    config.put("aggregate", aggregate);
    return new ComponentConfig("window", config);
  }

  private void send(String key, String value, long secondsAfterT0) {
    in.pipeInput(key, value, T0.plusSeconds(secondsAfterT0));
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> results() throws Exception {
    List<Map<String, Object>> values = new java.util.ArrayList<>();
    for (var r : out.readRecordsToList()) {
      values.add(JSON.readValue(r.value(), Map.class));
    }
    return values;
  }

  @Test
  void aTumblingWindowEmitsOneFinalResultPerKeyOnceItClosesAndDropsLateRecords() throws Exception {
    start(window("tumbling", Map.of("size", "1m", "key", "type"), Map.of(
        "count", "$count()", "total", "$sum(amount)", "avg", "$average(amount)", "low", "$min(amount)",
        "high", "$max(amount)", "users", "$join($distinct(user), ',')")));

    send("a", "{\"type\":\"click\",\"amount\":2,\"user\":\"u1\"}", 1);
    send("b", "{\"type\":\"click\",\"amount\":5.5,\"user\":\"u2\"}", 30);
    send("c", "{\"type\":\"view\",\"amount\":1,\"user\":\"u1\"}", 59);
    assertThat(results()).as("nothing before the window closes").isEmpty();
    send("d", "{\"type\":\"click\",\"amount\":1,\"user\":\"u3\"}", 61);
    send("late", "{\"type\":\"click\",\"amount\":100,\"user\":\"u9\"}", 10);

    List<Map<String, Object>> results = results();
    assertThat(results).hasSize(2);
    assertThat(results.get(0)).containsEntry("key", "click").containsEntry("windowStart", "2026-11-25T12:00:00Z")
        .containsEntry("windowEnd", "2026-11-25T12:01:00Z").containsEntry("count", 2).containsEntry("total", 7.5)
        .containsEntry("avg", 3.75).containsEntry("low", 2).containsEntry("high", 5.5)
        .containsEntry("users", "u1,u2");
    assertThat(results.get(1)).containsEntry("key", "view").containsEntry("count", 1);
    assertThat(counters.in()).isEqualTo(5);
    assertThat(counters.out()).isEqualTo(2);
  }

  @Test
  void emitUpdateGivesAResultForEveryRecordAndEventTimeMayComeFromTheValue() throws Exception {
    start(window("hopping", Map.of("size", "1m", "advance", "30s", "key", "type", "time", "at", "emit", "update"),
        Map.of("n", "$count()")));

    send("a", "{\"type\":\"x\",\"at\":\"2026-11-25T12:00:40Z\"}", 0);
    send("b", "{\"type\":\"x\",\"at\":\"2026-11-25T12:00:45Z\"}", 0);

    assertThat(results()).extracting(r -> r.get("windowStart") + " " + r.get("n")).containsExactly(
        "2026-11-25T12:00:00Z 1", "2026-11-25T12:00:30Z 1", "2026-11-25T12:00:00Z 2", "2026-11-25T12:00:30Z 2");
  }

  @Test
  void sessionsMergeWhenALateRecordBridgesTheGapAndCloseGapPlusGraceAfterTheirEnd() throws Exception {
    start(window("session", Map.of("gap", "10s", "grace", "10s"), Map.of("n", "$count()", "total", "$sum(v)")));

    send("k", "{\"v\":1}", 0);
    send("k", "{\"v\":2}", 15);
    send("k", "{\"v\":3}", 8);
    send("k", "{\"v\":4}", 34);
    assertThat(results()).as("a session closes gap + grace after its end").isEmpty();
    send("k", "{\"v\":5}", 100);

    List<Map<String, Object>> results = results();
    assertThat(results).extracting(r -> r.get("windowStart") + ".." + r.get("windowEnd") + " n=" + r.get("n")
        + " total=" + r.get("total")).containsExactly(
            "2026-11-25T12:00:00Z..2026-11-25T12:00:15Z n=3 total=6",
            "2026-11-25T12:00:34Z..2026-11-25T12:00:34Z n=1 total=4");
  }

  @Test
  void aRecordAWindowCannotTakeIsDeadLetteredUnderTheWindowsNameAndTheRestFlow() throws Exception {
    start(window("tumbling", Map.of("size", "1m", "key", "type", "emit", "update"), Map.of("total", "$sum(v)")),
        new ComponentConfig("tag", Map.of()));

    send("a", "{\"type\":\"t\",\"v\":1}", 0);
    send("b", "{\"v\":1}", 1);
    send("c", "{\"type\":\"t\",\"v\":\"lots\"}", 2);

    assertThat(results()).singleElement().satisfies(r -> assertThat(r).containsEntry("total", 1)
        .containsEntry("seen", true));
    var dead = dlq.readRecordsToList();
    assertThat(dead).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("b", "c");
    assertThat(new String(dead.get(0).headers().lastHeader(DeadLetters.STAGE).value(), StandardCharsets.UTF_8))
        .isEqualTo("p0-window");
    assertThat(new String(dead.get(1).headers().lastHeader(DeadLetters.ERROR_MESSAGE).value(),
        StandardCharsets.UTF_8)).contains("'total' needs a number from 'v' but got lots");
  }

  @Test
  void aNullValueIsOneOfTheValuesAnExpressionAggregateSees() throws Exception {
    start(window("tumbling", Map.of("size", "1m"), Map.of("kinds", "$count($)", "seen", "$string($)")));

    send("k", "{\"v\":1}", 0);
    send("k", "null", 1);
    send("k", "{\"v\":2}", 70);

    assertThat(results()).singleElement().satisfies(r -> assertThat(r).containsEntry("kinds", 2)
        .containsEntry("seen", "[{\"v\":1},null]"));
  }

  @Test
  void dedupeDropsARepeatedKeyWithinItsWindowOnly() throws Exception {
    start(new ComponentConfig("dedupe", Map.of("key", "id", "within", "1m")));

    send("k1", "{\"id\":1,\"n\":\"first\"}", 0);
    send("k2", "{\"id\":1,\"n\":\"again\"}", 30);
    send("k3", "{\"id\":2,\"n\":\"other\"}", 31);
    send("k4", "{\"id\":1,\"n\":\"later\"}", 200);

    var records = out.readRecordsToList();
    assertThat(records).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("k1", "k3", "k4");
    assertThat(counters.deduplicated()).isEqualTo(1);
  }

  @Test
  void joinPutsTheTablesRowIntoTheRecordAndFollowsTheTablesChanges() throws Exception {
    start(new ComponentConfig("join", Map.of("topic", "customers", "key", "customer", "into", "c",
        "format", "json", "missing", "keep")));
    TestInputTopic<String, String> table =
        driver.createInputTopic("customers", new StringSerializer(), new StringSerializer());

    table.pipeInput("7", "{\"name\":\"Ada\"}");
    send("o1", "{\"customer\":7}", 0);
    send("o2", "{\"customer\":8}", 1);
    table.pipeInput("7", (String) null);
    send("o3", "{\"customer\":7}", 2);

    assertThat(results()).extracting(r -> String.valueOf(r.get("c"))).containsExactly("{name=Ada}", "null", "null");
  }
}
