package dev.sluice.dataplane.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.definition.ComponentConfig;
import dev.sluice.api.definition.DesiredState;
import dev.sluice.api.definition.ErrorPolicy;
import dev.sluice.api.definition.Guarantee;
import dev.sluice.api.definition.Metadata;
import dev.sluice.api.definition.StreamDefinition;
import dev.sluice.api.definition.StreamSpec;
import dev.sluice.expression.JsonataLanguage;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.KafkaExtension;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tumbling, hopping and session windows on a real broker, checked against a brute-force computation
 * over 100,000 random events of 10 types: out of order by up to 5 s, 2% late by 6-10 s (inside the
 * 20 s grace period, so they count), 1% late by 5-6 minutes (so they do not).
 * Types come and go in bursts, so sessions start and end. One input partition keeps the order in
 * which the windows see the events fixed, which the lateness rules depend on.
 */
@ExtendWith(KafkaExtension.class)
class WindowBruteForceIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EVENTS = 100_000;
  private static final long HOUR = 3_600_000;
  /** Hours ago: brokers refuse timestamps more than an hour ahead, and the flush comes after the events. */
  private static final long T0 = (System.currentTimeMillis() / HOUR - 3) * HOUR;
  private static final long SIZE = 60_000;
  private static final long ADVANCE = 20_000;
  private static final long GAP = 30_000;
  private static final long GRACE = 20_000;
  private static final String FLUSH = "flush";

  /** One generated event: its type, amount and timestamp, and whether it is too late to count. */
  private record Event(String type, long amount, long time, boolean tooLate) {}

  /** A window's figures, as the stream writes them and as brute force computes them. */
  private record Figures(long count, long total, long low, long high, double avg) {}

  private static List<Event> events;

  @BeforeAll
  static void produce(EmbeddedKafka kafka) throws Exception {
    events = generate(new Random(20261125));
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic("window-events", 1, (short) 1), new NewTopic("tumbling-out", 1, (short) 1),
          new NewTopic("hopping-out", 1, (short) 1), new NewTopic("session-out", 1, (short) 1))).all().get();
    }
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (Event e : events) {
        sent.add(producer.send(new ProducerRecord<>("window-events", null, e.time(), e.type(),
            "{\"type\":\"" + e.type() + "\",\"amount\":" + e.amount() + "}")));
      }
      // Long after the events (which span 84 minutes): closes all their windows.
      sent.add(producer.send(new ProducerRecord<>("window-events", null, T0 + 2 * HOUR + HOUR / 2, FLUSH,
          "{\"type\":\"" + FLUSH + "\",\"amount\":0}")));
    }
    for (Future<RecordMetadata> f : sent) {
      f.get();
    }
  }

  private static List<Event> generate(Random random) {
    List<Event> generated = new ArrayList<>(EVENTS);
    long streamTime = 0;
    for (int i = 0; i < EVENTS; i++) {
      long nominal = T0 + i * 50L;
      // Type k is idle one minute in three, at its own phase, so sessions end and start again.
      List<Integer> active = new ArrayList<>();
      for (int k = 0; k < 10; k++) {
        if (((nominal - T0) / 60_000 + k) % 3 != 0) {
          active.add(k);
        }
      }
      String type = "t" + active.get(random.nextInt(active.size()));
      int dice = random.nextInt(100);
      long time;
      boolean tooLate = false;
      if (dice < 2 && streamTime > 0) {
        time = streamTime - 6_000 - random.nextInt(4_001);
      } else if (dice < 3 && streamTime > 0) {
        // Further back than the longest session (about 2 minutes) plus gap and grace: so it can
        // neither extend an open session backwards nor fall into a window still open.
        time = streamTime - 300_000 - random.nextInt(60_001);
        tooLate = true;
      } else {
        time = nominal - random.nextInt(5_001);
      }
      streamTime = Math.max(streamTime, time);
      generated.add(new Event(type, 1 + random.nextInt(1000), time, tooLate));
    }
    return generated;
  }

  @Test
  void tumblingWindowsMatchBruteForce(EmbeddedKafka kafka, @TempDir Path state) throws Exception {
    Map<String, Object> window = Map.of("type", "tumbling", "size", "1m");
    Map<String, Figures> expected = bruteForce(e -> List.of(Math.floorDiv(e.time(), SIZE) * SIZE), SIZE);
    assertMatches(run(kafka, state, "tumbling", window, expected.size()), expected);
  }

  @Test
  void hoppingWindowsMatchBruteForce(EmbeddedKafka kafka, @TempDir Path state) throws Exception {
    Map<String, Object> window = Map.of("type", "hopping", "size", "1m", "advance", "20s");
    Map<String, Figures> expected = bruteForce(e -> {
      List<Long> starts = new ArrayList<>();
      for (long start = Math.floorDiv(e.time(), ADVANCE) * ADVANCE; start > e.time() - SIZE; start -= ADVANCE) {
        starts.add(start);
      }
      return starts;
    }, SIZE);
    assertMatches(run(kafka, state, "hopping", window, expected.size()), expected);
  }

  @Test
  void sessionWindowsMatchBruteForce(EmbeddedKafka kafka, @TempDir Path state) throws Exception {
    Map<String, Object> window = Map.of("type", "session", "gap", "30s");
    Map<String, Figures> expected = new TreeMap<>();
    Map<String, List<Event>> byType = counted().collect(Collectors.groupingBy(Event::type));
    byType.forEach((type, list) -> {
      list.sort((a, b) -> Long.compare(a.time(), b.time()));
      List<Event> session = new ArrayList<>();
      for (Event e : list) {
        if (!session.isEmpty() && e.time() - session.get(session.size() - 1).time() > GAP) {
          expected.put(key(type, session.get(0).time(), session.get(session.size() - 1).time()), figures(session));
          session = new ArrayList<>();
        }
        session.add(e);
      }
      expected.put(key(type, session.get(0).time(), session.get(session.size() - 1).time()), figures(session));
    });
    assertThat(expected.size()).as("the events make many sessions").isGreaterThan(200);
    assertMatches(run(kafka, state, "session", window, expected.size()), expected);
  }

  /** Fails with the windows that differ, missing or extra, rather than the thousands that match. */
  private static void assertMatches(Map<String, Figures> actual, Map<String, Figures> expected) {
    List<String> differences = new ArrayList<>();
    expected.forEach((k, f) -> {
      if (!f.equals(actual.get(k))) {
        differences.add(k + ": expected " + f + ", got " + actual.get(k));
      }
    });
    actual.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(k -> differences.add(k + ": extra " + actual.get(k)));
    assertThat(differences).as("windows that differ from brute force, of " + expected.size()).isEmpty();
  }

  private static java.util.stream.Stream<Event> counted() {
    return events.stream().filter(e -> !e.tooLate());
  }

  /** The figures of every window {@code starts} puts the counted events in, by type and window. */
  private static Map<String, Figures> bruteForce(Function<Event, List<Long>> starts, long size) {
    Map<String, List<Event>> windows = new HashMap<>();
    counted().forEach(e -> starts.apply(e).forEach(start ->
        windows.computeIfAbsent(key(e.type(), start, start + size), k -> new ArrayList<>()).add(e)));
    Map<String, Figures> expected = new TreeMap<>();
    windows.forEach((k, list) -> expected.put(k, figures(list)));
    return expected;
  }

  private static Figures figures(List<Event> list) {
    long total = list.stream().mapToLong(Event::amount).sum();
    return new Figures(list.size(), total, list.stream().mapToLong(Event::amount).min().orElseThrow(),
        list.stream().mapToLong(Event::amount).max().orElseThrow(),
        BigDecimal.valueOf(total).divide(BigDecimal.valueOf(list.size()), MathContext.DECIMAL64).doubleValue());
  }

  private static String key(String type, long start, long end) {
    return type + " " + Instant.ofEpochMilli(start) + ".." + Instant.ofEpochMilli(end);
  }

  /** Runs the stream with {@code window} on the events and reads its results, once there are {@code expected}. */
  private static Map<String, Figures> run(EmbeddedKafka kafka, Path state, String name, Map<String, Object> window,
      int expected) throws Exception {
    Map<String, Object> config = new LinkedHashMap<>(window);
    config.put("key", "type");
    config.put("grace", "20s");
    config.put("emit", "final");
    config.put("aggregate", Map.of("count", "$count()", "total", "$sum(amount)", "low", "$min(amount)",
        "high", "$max(amount)", "avg", "$average(amount)"));
    StreamDefinition definition = new StreamDefinition(new Metadata(name, "windows", Map.of(), null), new StreamSpec(
        DesiredState.ACTIVE, 1, Guarantee.AT_LEAST_ONCE,
        new ComponentConfig("kafka", Map.of("topics", List.of("window-events"), "format", "json")),
        List.of(new ComponentConfig("window", config)),
        new ComponentConfig("kafka", Map.of("topic", name + "-out", "format", "json")), ErrorPolicy.defaults()));
    StreamPlan plan = StreamPlan.of(definition);
    var topology = new StreamTopology(Components.of(List.of()), new JsonataLanguage(), Clock.systemUTC(), d -> { })
        .build(plan, 0, new InstanceCounters());
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, plan.topics().applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 500);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    Map<String, Figures> results = new TreeMap<>();
    try (KafkaStreams streams = new KafkaStreams(topology, props);
        var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, name + "-check",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      streams.start();
      consumer.subscribe(List.of(name + "-out"));
      List<String> duplicates = new ArrayList<>();
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ZERO)
          .alias(name + " windows: expected " + expected + ", got so far " + results.size()).until(() -> {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          @SuppressWarnings("unchecked")
          Map<String, Object> v = JSON.readValue(r.value(), Map.class);
          assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(v.get("key"));
          String k = v.get("key") + " " + v.get("windowStart") + ".." + v.get("windowEnd");
          Figures f = new Figures(((Number) v.get("count")).longValue(), ((Number) v.get("total")).longValue(),
              ((Number) v.get("low")).longValue(), ((Number) v.get("high")).longValue(),
              ((Number) v.get("avg")).doubleValue());
          if (results.put(k, f) != null) {
            duplicates.add(k);
          }
        }
        return results.size() >= expected;
      });
      assertThat(duplicates).as("windows emitted more than once").isEmpty();
    }
    return results;
  }
}
