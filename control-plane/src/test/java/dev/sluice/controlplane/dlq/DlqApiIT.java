package dev.sluice.controlplane.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.record.DeadLetterHeaders;
import dev.sluice.controlplane.ControlPlane;
import dev.sluice.controlplane.ControlPlaneConfig;
import dev.sluice.controlplane.auth.Role;
import dev.sluice.controlplane.secrets.SecretCipher;
import dev.sluice.definitions.ComponentCatalog;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.KafkaExtension;
import dev.sluice.testkit.PostgresExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The DLQ routes on a real control plane, broker and database: dead letters written as the data
 * plane writes them are listed page by page and replayed into the topics they were read from,
 * once.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DlqApiIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PARTITIONS = 3;
  private static final long EVENT_TIME = 1_700_000_000_000L;

  private final HttpClient http = HttpClient.newHttpClient();
  private EmbeddedKafka kafka;
  private ControlPlane controlPlane;
  private String editor;
  private String viewer;

  @BeforeAll
  void start(EmbeddedKafka kafka, EmbeddedPostgres postgres) {
    this.kafka = kafka;
    controlPlane = ControlPlane.start(new ControlPlaneConfig(postgres.createDatabase("dlq_api"),
        null, null, kafka.bootstrapServers(), (short) 1, "127.0.0.1", 0, 0, "join",
        SecretCipher.newKeyBase64(), Duration.ofSeconds(10), Duration.ofSeconds(3), null),
        ComponentCatalog.load(getClass().getClassLoader()));
    editor = token("dlq-editor", Role.EDITOR);
    viewer = token("dlq-viewer", Role.VIEWER);
  }

  @AfterAll
  void stop() {
    controlPlane.close();
  }

  @Test
  void listsDeadLettersPageByPageWithTheirErrorHeaders() throws Exception {
    Stream s = stream("listed");
    // Partition 0 gets three, partition 1 none, partition 2 two: pages cross partitions.
    deadLetter(s, 0, s.input(), 0, 10, "{\"id\": 1}".getBytes(StandardCharsets.UTF_8));
    deadLetter(s, 0, s.input(), 0, 11, "{\"id\":".getBytes(StandardCharsets.UTF_8));
    deadLetter(s, 0, s.input(), 1, 12, new byte[] {(byte) 0xff, 0x00, 0x01});
    deadLetter(s, 2, s.input(), 2, 13, "[1, 2.50]".getBytes(StandardCharsets.UTF_8));
    deadLetter(s, 2, s.input(), 2, 14, "\"text\"".getBytes(StandardCharsets.UTF_8));

    JsonNode first = json(call("GET", s.dlq() + "?limit=2", viewer, null));
    JsonNode second = json(call("GET", s.dlq() + "?limit=2&after=" + first.path("next").asText(),
        viewer, null));
    JsonNode third = json(call("GET", s.dlq() + "?limit=2&after=" + second.path("next").asText(),
        viewer, null));

    assertThat(first.path("topic").asText()).isEqualTo("sluice.s.shop.listed.dlq");
    assertThat(first.path("partitions")).extracting(p -> p.path("end").asLong())
        .containsExactly(3L, 0L, 2L);
    assertThat(List.of(first, second, third)).extracting(p -> p.path("next").asText(null))
        .containsExactly("0:1", "2:0", null);
    List<JsonNode> items = new ArrayList<>();
    List.of(first, second, third).forEach(p -> p.path("items").forEach(items::add));
    assertThat(items).extracting(i -> i.path("position").asText())
        .containsExactly("0:0", "0:1", "0:2", "2:0", "2:1");
    assertThat(items).extracting(i -> i.path("valueEncoding").asText())
        .containsExactly("json", "text", "base64", "json", "json");
    assertThat(items.get(0).path("value")).isEqualTo(JSON.readTree("{\"id\": 1}"));
    assertThat(items.get(1).path("value").asText()).isEqualTo("{\"id\":");
    assertThat(items.get(2).path("value").asText()).isEqualTo("/wAB");
    assertThat(items.get(3).path("value")).isEqualTo(JSON.readTree("[1, 2.5]"));

    JsonNode item = items.get(0);
    assertThat(item.path("key").asText()).isEqualTo("k-10");
    assertThat(item.path("keyEncoding").asText()).isEqualTo("text");
    assertThat(item.path("timestamp").asText()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(item.path("error").path("stage").asText()).isEqualTo("p0-mapping");
    assertThat(item.path("error").path("class").asText())
        .isEqualTo("dev.sluice.api.error.PermanentException");
    assertThat(item.path("error").path("message").asText()).isEqualTo("bad record 10");
    assertThat(item.path("error").path("time").asText()).isEqualTo("2026-11-25T12:00:00Z");
    assertThat(item.path("source").path("topic").asText()).isEqualTo(s.input());
    assertThat(item.path("source").path("offset").asLong()).isEqualTo(10);
    assertThat(item.path("headers")).extracting(h -> h.path("name").asText() + "="
        + h.path("value").asText()).containsExactly("trace=t-10");
    assertThat(item.path("replayed").isNull()).isTrue();
  }

  @Test
  void replaysASelectionOnceIntoTheTopicsTheRecordsCameFrom() throws Exception {
    Stream s = stream("replayed");
    deadLetter(s, 0, s.input(), 0, 20, bytes("{\"id\": 20}"));
    deadLetter(s, 1, s.input(), 2, 21, bytes("{\"id\": 21}"));
    deadLetter(s, 1, s.ingress(), 1, 22, bytes("{\"id\": 22}"));
    deadLetter(s, 2, s.input(), 1, 23, bytes("{\"id\": 23}"));
    Map<String, Long> endsBefore = ends(s.input(), s.ingress());

    HttpResponse<String> first = call("POST", s.dlq() + "/replay", editor,
        "{\"records\": [{\"partition\": 0, \"offset\": 0}, \"1:0\", \"1:1\"]}");

    assertThat(first.statusCode()).isEqualTo(200);
    JsonNode outcome = json(first);
    assertThat(outcome.path("summary").asText()).isEqualTo("replayed 3 dead letters");
    assertThat(outcome.path("replayed")).extracting(r -> r.path("position").asText() + "->"
        + r.path("topic").asText() + "/" + r.path("partition").asInt())
        .containsExactly("0:0->" + s.input() + "/0", "1:0->" + s.input() + "/2",
            "1:1->" + s.ingress() + "/1");
    List<ConsumerRecord<byte[], byte[]>> written = readAll(s.input(), s.ingress());
    assertThat(written).extracting(r -> header(r, DeadLetterHeaders.REPLAYED_FROM))
        .containsExactlyInAnyOrder("0:0", "1:0", "1:1");
    ConsumerRecord<byte[], byte[]> copy = written.stream()
        .filter(r -> "0:0".equals(header(r, DeadLetterHeaders.REPLAYED_FROM))).findFirst()
        .orElseThrow();
    assertThat(new String(copy.key(), StandardCharsets.UTF_8)).isEqualTo("k-20");
    assertThat(new String(copy.value(), StandardCharsets.UTF_8)).isEqualTo("{\"id\": 20}");
    assertThat(copy.timestamp()).isEqualTo(EVENT_TIME);
    assertThat(copy.headers().toArray()).extracting(Header::key)
        .containsExactly("trace", DeadLetterHeaders.REPLAYED_FROM);

    JsonNode again = json(call("POST", s.dlq() + "/replay", editor,
        "{\"records\": [\"0:0\", \"1:0\", \"1:1\"]}"));

    assertThat(again.path("summary").asText()).isEqualTo("replayed nothing; 3 dead letters "
        + "replayed before were not written again");
    assertThat(again.path("replayed")).isEmpty();
    assertThat(again.path("alreadyReplayed")).extracting(r -> r.path("position").asText())
        .containsExactly("0:0", "1:0", "1:1");
    assertThat(again.path("alreadyReplayed").get(0).path("by").asText()).isEqualTo("dlq-editor");
    Map<String, Long> endsAfter = ends(s.input(), s.ingress());
    assertThat(endsAfter.values().stream().mapToLong(Long::longValue).sum()
        - endsBefore.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3);

    JsonNode listed = json(call("GET", s.dlq(), viewer, null));
    assertThat(listed.path("items")).extracting(i -> i.path("replayed").path("position")
        .asText("-")).containsExactly("0:0", "1:0", "1:1", "-");
  }

  @Test
  void replaysEverythingUpToAPositionAndSaysWhyItSkipsTheRest() throws Exception {
    Stream s = stream("ranged");
    deadLetter(s, 0, s.input(), 0, 30, bytes("{\"id\": 30}"));
    deadLetter(s, 0, "sluice.streams", 0, 31, bytes("{\"id\": 31}"));
    deadLetter(s, 0, s.input(), 7, 32, bytes("{\"id\": 32}"));
    noHeaders(s, 0);
    deadLetter(s, 1, s.input(), 1, 34, bytes("{\"id\": 34}"));
    deadLetter(s, 2, s.input(), 2, 35, bytes("{\"id\": 35}"));
    call("POST", s.dlq() + "/replay", editor, "{\"records\": [\"0:0\"]}");

    JsonNode outcome = json(call("POST", s.dlq() + "/replay", editor, "{\"upTo\": \"1:0\"}"));

    assertThat(outcome.path("summary").asText()).isEqualTo("replayed 1 dead letter; 1 dead "
        + "letter replayed before was not written again; 3 dead letters skipped, see skipped "
        + "for why");
    assertThat(outcome.path("replayed")).extracting(r -> r.path("position").asText())
        .containsExactly("1:0");
    assertThat(outcome.path("alreadyReplayed")).extracting(r -> r.path("position").asText())
        .containsExactly("0:0");
    assertThat(outcome.path("skipped")).extracting(r -> r.path("position").asText() + " "
        + r.path("reason").asText()).containsExactly(
            "0:1 it was read from sluice.streams, which the stream does not read now (it reads "
                + s.input() + ", " + s.ingress() + ", sluice.s.shop.ranged.out)",
            "0:2 topic " + s.input() + " has 3 partitions now, so partition 7 is gone",
            "0:3 it has no sluice.source.topic and sluice.source.partition headers, so where it "
                + "was read is unknown");
    assertThat(outcome.path("next").isNull()).isTrue();
    assertThat(readAll(s.input(), s.ingress())).extracting(
        r -> header(r, DeadLetterHeaders.REPLAYED_FROM)).containsExactlyInAnyOrder("0:0", "1:0");
  }

  @Test
  void concurrentReplaysOfOneSelectionWriteEachDeadLetterOnce() throws Exception {
    Stream s = stream("raced");
    for (int i = 0; i < 20; i++) {
      deadLetter(s, i % PARTITIONS, s.input(), i % PARTITIONS, 40 + i, bytes("{\"n\": " + i + "}"));
    }
    Callable<JsonNode> replayAll = () -> json(call("POST", s.dlq() + "/replay", editor,
        "{\"upTo\": \"2:6\"}"));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<JsonNode> outcomes = new ArrayList<>();
    try {
      for (Future<JsonNode> f : pool.invokeAll(List.of(replayAll, replayAll))) {
        outcomes.add(f.get());
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(outcomes).extracting(o -> o.path("replayed").size() + "+"
        + o.path("alreadyReplayed").size()).containsExactlyInAnyOrder("20+0", "0+20");
    assertThat(readAll(s.input())).hasSize(20);
  }

  @Test
  void refusesWhatItCannotDoWithAReason() throws Exception {
    Stream s = stream("refusing");

    assertThat(json(call("GET", s.dlq(), viewer, null)).path("items")).isEmpty();
    assertThat(call("GET", s.dlq() + "?after=zero", viewer, null).body())
        .contains("after must be a position <partition>:<offset>");
    assertThat(call("GET", s.dlq() + "?limit=0", viewer, null).statusCode()).isEqualTo(400);
    assertThat(call("POST", s.dlq() + "/replay", editor, "").body())
        .contains("say which dead letters to replay");
    assertThat(call("POST", s.dlq() + "/replay", editor, "{\"records\": [{\"partition\": 0}]}")
        .body()).contains("each record needs a whole-number offset");
    assertThat(call("POST", s.dlq() + "/replay", editor, "{\"upTo\": \"0:1\", \"after\": \"0:4\"}")
        .statusCode()).isEqualTo(400);
    assertThat(call("POST", s.dlq() + "/replay", viewer, "{\"upTo\": \"0:1\"}").statusCode())
        .isEqualTo(403);
    assertThat(call("GET", "/api/v1/streams/shop/missing/dlq", viewer, null).statusCode())
        .isEqualTo(404);
  }

  /** A stream in namespace shop reading {@code <name>-in} on the system cluster. */
  private Stream stream(String name) throws Exception {
    Stream s = new Stream(name);
    String document = """
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: %s, namespace: shop}
        spec:
          state: paused
          input: {kafka: {topics: [%s]}}
          output: {kafka: {topic: %s-out}}
          errors: {policy: dead-letter}
        """.formatted(name, s.input(), name);
    assertThat(call("POST", "/api/v1/streams", editor, document).statusCode()).isEqualTo(201);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafka.bootstrapServers()))) {
      admin.createTopics(List.of(s.input(), s.ingress(), s.deadLetterTopic()).stream()
          .map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList()).all().get();
    }
    return s;
  }

  private record Stream(String name) {
    String input() {
      return name + "-in";
    }

    String ingress() {
      return "sluice.s.shop." + name + ".in";
    }

    String deadLetterTopic() {
      return "sluice.s.shop." + name + ".dlq";
    }

    String dlq() {
      return "/api/v1/streams/shop/" + name + "/dlq";
    }
  }

  /** Writes a dead letter as the data plane does: the record as read, plus failure headers. */
  private void deadLetter(Stream s, int dlqPartition, String sourceTopic, int sourcePartition,
      long sourceOffset, byte[] value) throws Exception {
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace", bytes("t-" + sourceOffset));
    headers.add(DeadLetterHeaders.STAGE, bytes("p0-mapping"));
    headers.add(DeadLetterHeaders.ERROR_CLASS, bytes("dev.sluice.api.error.PermanentException"));
    headers.add(DeadLetterHeaders.ERROR_MESSAGE, bytes("bad record " + sourceOffset));
    headers.add(DeadLetterHeaders.ERROR_TIME, bytes("2026-11-25T12:00:00Z"));
    headers.add(DeadLetterHeaders.SOURCE_TOPIC, bytes(sourceTopic));
    headers.add(DeadLetterHeaders.SOURCE_PARTITION, bytes(Integer.toString(sourcePartition)));
    headers.add(DeadLetterHeaders.SOURCE_OFFSET, bytes(Long.toString(sourceOffset)));
    send(new ProducerRecord<>(s.deadLetterTopic(), dlqPartition, EVENT_TIME,
        bytes("k-" + sourceOffset), value, headers));
  }

  /** A record in the dead-letter topic that Sluice did not write. */
  private void noHeaders(Stream s, int dlqPartition) throws Exception {
    send(new ProducerRecord<>(s.deadLetterTopic(), dlqPartition, null, bytes("{}")));
  }

  private void send(ProducerRecord<byte[], byte[]> record) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
      producer.send(record).get();
    }
  }

  /** Every record now in {@code topics}, read from the beginning to the current end. */
  private List<ConsumerRecord<byte[], byte[]>> readAll(String... topics) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = partitions(topics);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private Map<String, Long> ends(String... topics) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      Map<String, Long> ends = new TreeMap<>();
      consumer.endOffsets(partitions(topics)).forEach((p, end) -> ends.put(p.toString(), end));
      return ends;
    }
  }

  private static List<TopicPartition> partitions(String... topics) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      for (int p = 0; p < PARTITIONS; p++) {
        partitions.add(new TopicPartition(topic, p));
      }
    }
    return partitions;
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private String token(String name, Role role) {
    String plaintext = "sluice_" + name + "-" + UUID.randomUUID();
    controlPlane.tokens().ensureToken(name, plaintext, role, List.of("shop"));
    return plaintext;
  }

  private HttpResponse<String> call(String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + controlPlane.httpPort() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }
}
