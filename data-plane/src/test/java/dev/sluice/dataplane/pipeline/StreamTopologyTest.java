package dev.sluice.dataplane.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.definition.ComponentConfig;
import dev.sluice.api.definition.ErrorPolicy;
import dev.sluice.api.definition.ErrorPolicy.Action;
import dev.sluice.api.definition.ErrorPolicy.Retry;
import dev.sluice.api.definition.StreamDefinition;
import dev.sluice.expression.JsonataLanguage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The topology of a stream on Kafka Streams' test driver: stages, counters and error policies. */
class StreamTopologyTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  private final List<Duration> sleeps = new ArrayList<>();
  private final InstanceCounters counters = new InstanceCounters();
  private TopologyTestDriver driver;
  private TestInputTopic<String, String> in;
  private TestOutputTopic<byte[], byte[]> out;
  private TestOutputTopic<byte[], byte[]> dlq;

  @BeforeEach
  void resetTries() {
    TestStreams.TRIES.set(0);
  }

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  private void start(StreamDefinition definition, int transientFailures) throws Exception {
    StreamPlan plan = StreamPlan.of(definition);
    var topology = new StreamTopology(TestStreams.components(transientFailures), new JsonataLanguage(), CLOCK,
        sleeps::add)
        .build(plan, 0, counters);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, plan.topics().applicationId());
    driver = new TopologyTestDriver(topology, props);
    in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
    out = driver.createOutputTopic("out", new ByteArrayDeserializer(), new ByteArrayDeserializer());
    dlq = driver.createOutputTopic(plan.topics().deadLetter(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static ErrorPolicy policy(Action action, Action fallback) {
    return new ErrorPolicy(action, new Retry(2, Duration.ofMillis(100), Duration.ofMillis(150)), fallback);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void runsEveryStageInOrderAndCounts() throws Exception {
    start(TestStreams.kafkaToKafka(ErrorPolicy.defaults(), "tag"), 0);

    in.pipeInput("k1", "{\"id\":1}");
    in.pipeInput("k2", "{\"id\":2}");

    List<TestRecord<byte[], byte[]>> records = out.readRecordsToList();
    assertThat(records).extracting(r -> text(r.key()), r -> text(r.value())).containsExactly(
        org.assertj.core.groups.Tuple.tuple("k1", "{\"id\":1,\"seen\":true}"),
        org.assertj.core.groups.Tuple.tuple("k2", "{\"id\":2,\"seen\":true}"));
    assertThat(counters.in()).isEqualTo(2);
    assertThat(counters.out()).isEqualTo(2);
    assertThat(counters.errors()).isZero();
  }

  @Test
  void theOutputsHeaderExpressionsAreEvaluatedOnEachValue() throws Exception {
    start(TestStreams.kafkaToKafkaWithHeaders(Map.of("source", "'sluice'", "id", "id", "absent", "nothing")), 0);

    in.pipeInput("k1", "{\"id\":7}");

    TestRecord<byte[], byte[]> record = out.readRecord();
    assertThat(text(record.headers().lastHeader("source").value())).isEqualTo("sluice");
    assertThat(text(record.headers().lastHeader("id").value())).isEqualTo("7");
    assertThat(record.headers().lastHeader("absent")).as("an expression that yields nothing").isNull();
  }

  @Test
  void aPoisonRecordIsDeadLetteredAsReadWithItsReasonWhileOthersFlow() throws Exception {
    start(TestStreams.kafkaToKafka(policy(Action.DEAD_LETTER, Action.FAIL), "tag"), 0);

    in.pipeInput("a", "{\"id\":1}");
    in.pipeInput("b", "{not json");
    in.pipeInput("c", "{\"id\":3,\"fail\":\"permanent\"}");
    in.pipeInput("d", "{\"id\":4}");

    assertThat(out.readRecordsToList()).extracting(r -> text(r.key())).containsExactly("a", "d");
    List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
    assertThat(dead).extracting(r -> text(r.key()), r -> text(r.value()))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("b", "{not json"),
            org.assertj.core.groups.Tuple.tuple("c", "{\"id\":3,\"fail\":\"permanent\"}"));
    assertThat(header(dead.get(0), DeadLetters.STAGE)).isEqualTo("decode");
    assertThat(header(dead.get(0), DeadLetters.ERROR_CLASS)).contains("JsonParseException");
    assertThat(header(dead.get(0), DeadLetters.SOURCE_TOPIC)).isEqualTo("in");
    assertThat(header(dead.get(0), DeadLetters.SOURCE_OFFSET)).isEqualTo("1");
    assertThat(header(dead.get(1), DeadLetters.STAGE)).isEqualTo("p0-tag");
    assertThat(header(dead.get(1), DeadLetters.ERROR_MESSAGE)).isEqualTo("bad record 3");
    assertThat(header(dead.get(1), DeadLetters.ERROR_TIME)).isEqualTo("2026-11-25T12:00:00Z");
    assertThat(sleeps).isEmpty();
    assertThat(counters.deadLettered()).isEqualTo(2);
    assertThat(counters.errors()).isEqualTo(2);
  }

  @Test
  void dropCountsTheRecordAndFailStopsWithWhereAndWhy() throws Exception {
    start(TestStreams.kafkaToKafka(policy(Action.DROP, Action.FAIL), "tag"), 0);
    in.pipeInput("a", "{\"id\":1,\"fail\":\"permanent\"}");
    in.pipeInput("b", "{\"id\":2}");
    assertThat(out.readRecordsToList()).extracting(r -> text(r.key())).containsExactly("b");
    assertThat(counters.dropped()).isEqualTo(1);
    driver.close();

    start(TestStreams.kafkaToKafka(policy(Action.FAIL, Action.FAIL), "tag"), 0);
    assertThatThrownBy(() -> in.pipeInput("a", "{\"id\":7,\"fail\":\"permanent\"}"))
        .rootCause().hasMessage("bad record 7");
    assertThatThrownBy(() -> in.pipeInput("a", "{\"id\":7,\"fail\":\"permanent\"}"))
        .hasStackTraceContaining("stage p0-tag failed on the record at in-0@1: PermanentException: bad record 7");
  }

  @Test
  void transientErrorsAreRetriedWithExponentialBackoff() throws Exception {
    start(TestStreams.kafkaToKafka(policy(Action.FAIL, Action.FAIL), "tag"), 2);

    in.pipeInput("a", "{\"id\":1,\"fail\":\"transient\"}");

    assertThat(out.readRecordsToList()).hasSize(1);
    assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(150));
  }

  @Test
  void retryPolicyRetriesPermanentErrorsThenFallsBack() throws Exception {
    start(TestStreams.kafkaToKafka(policy(Action.RETRY, Action.DEAD_LETTER), "tag"), 0);

    in.pipeInput("a", "{\"id\":1,\"fail\":\"permanent\"}");

    assertThat(out.isEmpty()).isTrue();
    assertThat(dlq.readRecordsToList()).hasSize(1);
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void headersAndTimestampsFlowToTheOutputAndALaterStageDeadLettersUnderItsOwnName() throws Exception {
    start(TestStreams.kafkaToKafka(policy(Action.DEAD_LETTER, Action.FAIL), "split", "check"), 0);
    Instant time = Instant.parse("2026-11-25T10:00:00Z");

    in.pipeInput(new TestRecord<>("a", "{\"id\":1,\"check\":\"part1\"}",
        new RecordHeaders().add("trace", bytes("t-1")), time));

    List<TestRecord<byte[], byte[]>> written = out.readRecordsToList();
    assertThat(written).hasSize(1);
    TestRecord<byte[], byte[]> kept = written.get(0);
    assertThat(text(kept.key())).isEqualTo("a");
    assertThat(text(kept.value())).isEqualTo("{\"id\":1,\"check\":\"part1\",\"part\":2}");
    assertThat(kept.getRecordTime()).isEqualTo(time.plusMillis(2));
    assertThat(kept.headers().toArray()).extracting(Header::key).containsExactly("trace");
    assertThat(header(kept, "trace")).isEqualTo("t-1");

    List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
    assertThat(dead).hasSize(1);
    TestRecord<byte[], byte[]> failed = dead.get(0);
    assertThat(text(failed.key())).isEqualTo("a");
    assertThat(text(failed.value())).isEqualTo("{\"id\":1,\"check\":\"part1\"}");
    assertThat(failed.getRecordTime()).isEqualTo(time.plusMillis(1));
    assertThat(failed.headers().toArray()).extracting(Header::key).containsExactly("trace", DeadLetters.STAGE,
        DeadLetters.ERROR_CLASS, DeadLetters.ERROR_MESSAGE, DeadLetters.ERROR_TIME, DeadLetters.SOURCE_TOPIC,
        DeadLetters.SOURCE_PARTITION, DeadLetters.SOURCE_OFFSET);
    assertThat(header(failed, DeadLetters.STAGE)).isEqualTo("p1-check");
    assertThat(header(failed, DeadLetters.ERROR_CLASS)).isEqualTo("dev.sluice.api.error.PermanentException");
    assertThat(header(failed, DeadLetters.ERROR_MESSAGE)).isEqualTo("check failed on part 1");
    assertThat(header(failed, DeadLetters.SOURCE_TOPIC)).isEqualTo("in");
    assertThat(header(failed, DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
    assertThat(header(failed, DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(counters.in()).isEqualTo(1);
    assertThat(counters.out()).isEqualTo(1);
    assertThat(counters.deadLettered()).isEqualTo(1);
  }

  @Test
  void aRecordTheOutputCannotEncodeIsDeadLetteredByTheEncodeStage() throws Exception {
    start(TestStreams.kafkaToKafkaWritten(policy(Action.DEAD_LETTER, Action.FAIL), "bytes", "tag"), 0);

    in.pipeInput("k", "{\"id\":5}");

    assertThat(out.isEmpty()).isTrue();
    List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
    assertThat(dead).extracting(r -> text(r.key()), r -> text(r.value()))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("k", "{\"id\":5}"));
    assertThat(header(dead.get(0), DeadLetters.STAGE)).isEqualTo("encode");
    assertThat(header(dead.get(0), DeadLetters.ERROR_MESSAGE)).startsWith("the bytes format needs raw bytes");
    assertThat(counters.in()).isEqualTo(1);
    assertThat(counters.out()).isZero();
    assertThat(counters.deadLettered()).isEqualTo(1);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String header(TestRecord<byte[], byte[]> record, String key) {
    Header h = record.headers().lastHeader(key);
    return h == null ? null : text(h.value());
  }

  @Test
  void aSwitchRunsTheFirstMatchingCaseAndItsFailuresMeetThePolicyAsTheSwitch() throws Exception {
    List<Map<String, Object>> cases = List.of(
        Map.of("check", "urgent", "processors", List.of()),
        Map.of("check", "kind = 'split'", "processors", List.of(Map.of("split", Map.of()), Map.of("tag", Map.of()))),
        Map.of("check", "kind = 'keep'", "processors", List.of()),
        Map.of("processors", List.of(Map.of("tag", Map.of()))));
    start(TestStreams.kafkaToKafka(policy(Action.DEAD_LETTER, Action.FAIL),
        new ComponentConfig("switch", Map.of("cases", cases))), 0);

    in.pipeInput("1", "{\"id\":1,\"kind\":\"split\"}");
    in.pipeInput("2", "{\"id\":2,\"kind\":\"keep\"}");
    in.pipeInput("3", "{\"id\":3}");
    in.pipeInput("4", "{\"id\":4,\"fail\":\"permanent\"}");
    in.pipeInput("5", "{\"id\":5,\"urgent\":5}");
    in.pipeInput("6", "{\"id\":6,\"urgent\":true,\"kind\":\"split\"}");

    assertThat(out.readRecordsToList()).extracting(r -> text(r.key()), r -> text(r.value())).containsExactly(
        org.assertj.core.groups.Tuple.tuple("1", "{\"id\":1,\"kind\":\"split\",\"part\":1,\"seen\":true}"),
        org.assertj.core.groups.Tuple.tuple("1", "{\"id\":1,\"kind\":\"split\",\"part\":2,\"seen\":true}"),
        org.assertj.core.groups.Tuple.tuple("2", "{\"id\":2,\"kind\":\"keep\"}"),
        org.assertj.core.groups.Tuple.tuple("3", "{\"id\":3,\"seen\":true}"),
        org.assertj.core.groups.Tuple.tuple("6", "{\"id\":6,\"urgent\":true,\"kind\":\"split\"}"));
    List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
    assertThat(dead).extracting(r -> text(r.key()), r -> text(r.headers().lastHeader("sluice.error.stage").value()))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("4", "p0-switch"),
            org.assertj.core.groups.Tuple.tuple("5", "p0-switch"));
    assertThat(text(dead.get(1).headers().lastHeader("sluice.error.message").value()))
        .contains("the check of case 0 (urgent) gave Integer 5 instead of true or false");
    assertThat(counters.out()).isEqualTo(5);
  }
}
