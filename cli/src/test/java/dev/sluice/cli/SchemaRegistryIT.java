package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.record.DeadLetterHeaders;
import dev.sluice.controlplane.ControlPlane;
import dev.sluice.dataplane.worker.Worker;
import dev.sluice.testkit.ApicurioRegistry;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.KafkaExtension;
import dev.sluice.testkit.PostgresExtension;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate -> schema_registry_encode -> kafka through the control plane and a worker that loads
 * the {@code registry} plugin from the plugins directory the build assembles, against a real
 * Apicurio Registry: every record that fits the Avro schema arrives encoded (Apicurio's own
 * deserializer, loaded from the plugin's jars, reads it back), and every one that does not is in
 * the stream's dead-letter topic with the headers that say why. A second stream, kafka (bytes) ->
 * schema_registry_decode -> kafka (json), turns the encoded topic back into the same values. The
 * same again for JSON Schema and Protobuf, whose serdes the plugin bundles with their own
 * libraries (json-schema-validator 1.x beside the worker's 2.x).
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class SchemaRegistryIT {

  private static final Path PLUGINS = Path.of("../target/plugins");
  /** Unpacked by processors/registry before its own ITs; the system property wins when set. */
  private static final Path APICURIO = Path.of(System.getProperty(ApicurioRegistry.HOME_PROPERTY,
      "../processors/registry/target/apicurio-registry"));
  private static final int COUNT = 200;
  private static final String SCHEMA = "{\"type\": \"record\", \"name\": \"Order\", "
      + "\"namespace\": \"it\", \"fields\": [{\"name\": \"id\", \"type\": \"string\"}, "
      + "{\"name\": \"quantity\", \"type\": \"int\"}]}";

  private static ApicurioRegistry registry;

  @TempDir Path state;
  private InstalledComponents installed;
  private ControlPlane controlPlane;
  private Worker worker;

  @BeforeAll
  static void startRegistry() {
    registry = ApicurioRegistry.builder().home(APICURIO).start();
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (worker != null) {
      worker.close();
    }
    if (controlPlane != null) {
      controlPlane.close();
    }
    if (installed != null) {
      installed.close();
    }
  }

  @Test
  void recordsThatFitArriveEncodedAndTheOthersAreDeadLettered(EmbeddedKafka kafka,
      EmbeddedPostgres postgres) throws Exception {
    startSluice(kafka, postgres, "registry_e2e");

    // Every tenth record (seq 3, 13, 23...) has a quantity the schema cannot take.
    controlPlane.streams().create("""
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: orders, namespace: it}
        spec:
          input:
            generate:
              count: %d
              rate: 0
              template: '{"id": "o-" & $seq, "quantity": $seq %% 10 = 3 ? "many" : $seq}'
          pipeline:
            processors:
              - schema_registry_encode:
                  url: %s
                  artifact: it-orders
                  schema: '%s'
          output: {kafka: {topic: orders-avro, format: bytes}}
          errors: {policy: dead-letter}
        """.formatted(COUNT, registry.url(), SCHEMA), "it");

    List<Integer> bad = IntStream.range(0, COUNT).filter(seq -> seq % 10 == 3).boxed().toList();
    List<String> goodIds = IntStream.range(0, COUNT).filter(seq -> seq % 10 != 3)
        .mapToObj(seq -> "o-" + seq).toList();

    List<ConsumerRecord<byte[], byte[]>> encoded = new ArrayList<>();
    await().atMost(Duration.ofSeconds(120)).ignoreExceptions()
        .until(() -> readAll(kafka, "orders-avro", encoded).size() >= goodIds.size());
    List<String> decoded = new ArrayList<>();
    try (ApicurioDeserializer apicurio = new ApicurioDeserializer(registry.url())) {
      for (ConsumerRecord<byte[], byte[]> r : encoded) {
        decoded.add(apicurio.deserialize("orders-avro", r.value()));
      }
    }
    assertThat(decoded).hasSize(goodIds.size());
    assertThat(decoded).containsExactlyInAnyOrderElementsOf(goodIds.stream()
        .map(id -> "{\"id\": \"" + id + "\", \"quantity\": " + id.substring(2) + "}").toList());

    List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
        .until(() -> readAll(kafka, "sluice.s.it.orders.dlq", dead).size() >= bad.size());
    assertThat(dead).hasSize(bad.size());
    for (ConsumerRecord<byte[], byte[]> letter : dead) {
      Map<String, String> headers = headers(letter);
      assertThat(headers).containsKeys(DeadLetterHeaders.FAILURE.toArray(String[]::new));
      assertThat(headers.get(DeadLetterHeaders.STAGE)).isEqualTo("p0-schema_registry_encode");
      assertThat(headers.get(DeadLetterHeaders.ERROR_CLASS))
          .isEqualTo("dev.sluice.api.error.PermanentException");
      assertThat(headers.get(DeadLetterHeaders.ERROR_MESSAGE)).isEqualTo(
          "the record does not fit Avro schema it.Order: field 'quantity' is \"many\" (a string), "
              + "but the schema expects an int; fix the record (for example with a mapping "
              + "processor before this one) or the schema");
      assertThat(headers.get(DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("sluice.s.it.orders.in");
      assertThat(new String(letter.value(), StandardCharsets.UTF_8)).contains("\"quantity\":\"many\"");
    }
    assertThat(dead).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
        .allSatisfy(v -> assertThat(bad).anySatisfy(seq -> assertThat(v).contains("\"o-" + seq + "\"")));

    // And back: a second stream decodes the Avro topic into JSON.
    controlPlane.streams().create("""
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: orders-json, namespace: it}
        spec:
          input: {kafka: {topics: [orders-avro], format: bytes, start: earliest}}
          pipeline:
            processors:
              - schema_registry_decode: %s
          output: {kafka: {topic: orders-json, format: json}}
          errors: {policy: dead-letter}
        """.formatted(registry.url()), "it");
    List<ConsumerRecord<byte[], byte[]>> json = new ArrayList<>();
    await().atMost(Duration.ofSeconds(120)).ignoreExceptions()
        .until(() -> readAll(kafka, "orders-json", json).size() >= goodIds.size());
    assertThat(json).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
        .containsExactlyInAnyOrderElementsOf(goodIds.stream()
            .map(id -> "{\"id\":\"" + id + "\",\"quantity\":" + id.substring(2) + "}").toList());
  }

  @Test
  void jsonSchemaAndProtobufRecordsThatFitRoundTripAndTheOthersAreDeadLettered(EmbeddedKafka kafka,
      EmbeddedPostgres postgres) throws Exception {
    startSluice(kafka, postgres, "registry_formats");
    String jsonSchema = "{\"type\": \"object\", \"properties\": {\"id\": {\"type\": "
        + "\"string\"}, \"quantity\": {\"type\": \"integer\"}}, \"required\": [\"id\", "
        + "\"quantity\"], \"additionalProperties\": false}";
    String proto = "syntax = \"proto3\"; package it; message Order { string id = 1; "
        + "int32 quantity = 2; }";
    Map<String, String> schemas = Map.of("json", jsonSchema, "protobuf", proto);
    int count = 50;
    for (String format : List.of("json", "protobuf")) {
      controlPlane.streams().create("""
          apiVersion: sluice.dev/v1
          kind: Stream
          metadata: {name: formats-%1$s, namespace: it}
          spec:
            input:
              generate:
                count: %2$d
                rate: 0
                template: '{"id": "o-" & $seq, "quantity": $seq %% 10 = 3 ? "many" : $seq}'
            pipeline:
              processors:
                - schema_registry_encode:
                    url: %3$s
                    format: %1$s
                    artifact: it-formats-%1$s
                    schema: '%4$s'
            output: {kafka: {topic: formats-%1$s, format: bytes}}
            errors: {policy: dead-letter}
          """.formatted(format, count, registry.url(), schemas.get(format)), "it");
      controlPlane.streams().create("""
          apiVersion: sluice.dev/v1
          kind: Stream
          metadata: {name: formats-%1$s-decoded, namespace: it}
          spec:
            input: {kafka: {topics: [formats-%1$s], format: bytes, start: earliest}}
            pipeline:
              processors:
                - schema_registry_decode: {url: %2$s, format: %1$s}
            output: {kafka: {topic: formats-%1$s-decoded, format: json}}
            errors: {policy: dead-letter}
          """.formatted(format, registry.url()), "it");
    }
    List<String> good = IntStream.range(0, count).filter(seq -> seq % 10 != 3)
        .mapToObj(seq -> "{\"id\":\"o-" + seq + "\",\"quantity\":" + seq + "}").toList();
    Map<String, String> whyDead = Map.of(
        "json", "the record does not fit JSON Schema default/it-formats-json: $.quantity: string "
            + "found, integer expected; fix the record (for example with a mapping processor "
            + "before this one) or the schema",
        "protobuf", "the record does not fit Protobuf message it.Order: field 'quantity' is "
            + "\"many\" (a string), but the schema expects a whole number of type int32; fix "
            + "the record (for example with a mapping processor before this one) or the schema");

    for (String format : List.of("json", "protobuf")) {
      List<ConsumerRecord<byte[], byte[]>> decoded = new ArrayList<>();
      await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> readAll(kafka,
          "formats-" + format + "-decoded", decoded).size() >= good.size());
      assertThat(decoded).as(format).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
          .containsExactlyInAnyOrderElementsOf(good);
      List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> readAll(kafka,
          "sluice.s.it.formats-" + format + ".dlq", dead).size() >= count / 10);
      assertThat(dead).as(format).hasSize(count / 10).allSatisfy(letter -> {
        assertThat(headers(letter).get(DeadLetterHeaders.STAGE))
            .isEqualTo("p0-schema_registry_encode");
        assertThat(headers(letter).get(DeadLetterHeaders.ERROR_MESSAGE))
            .isEqualTo(whyDead.get(format));
      });
    }
  }

  /** The control plane and a worker with the components and plugins the build installed. */
  private void startSluice(EmbeddedKafka kafka, EmbeddedPostgres postgres, String database)
      throws Exception {
    installed = InstalledComponents.load(PLUGINS, line -> { });
    assertThat(installed.components().names()).as("plugins built into " + PLUGINS.toAbsolutePath())
        .contains("processor/schema_registry_encode", "processor/schema_registry_decode");
    controlPlane = TestControlPlane.start(postgres.createDatabase(database), kafka, "join",
        Duration.ofSeconds(10), installed.catalog());
    worker = TestWorker.start(controlPlane, "registry-worker", state.resolve("worker"), installed.components(),
        installed.catalog(), Map.of());
  }

  /** Every record of {@code topic} so far, into {@code into} (replacing what it held). */
  private static List<ConsumerRecord<byte[], byte[]>> readAll(EmbeddedKafka kafka, String topic,
      List<ConsumerRecord<byte[], byte[]>> into) {
    into.clear();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5))
          .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(into::add);
      }
    }
    return into;
  }

  private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
    Map<String, String> headers = new HashMap<>();
    for (Header h : record.headers()) {
      headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
    }
    return headers;
  }

  /**
   * Apicurio's own {@code AvroKafkaDeserializer}, loaded from the registry plugin's jars in a
   * loader of its own (slf4j and kafka-clients from the test's): the CLI's class path has no
   * Apicurio or Avro, and should not.
   */
  private static final class ApicurioDeserializer implements AutoCloseable {

    private final URLClassLoader loader;
    private final Object deserializer;
    private final Method deserialize;

    ApicurioDeserializer(String url) throws Exception {
      List<URL> jars = new ArrayList<>();
      try (Stream<Path> files = Files.list(PLUGINS.resolve("registry"))) {
        for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
          jars.add(jar.toUri().toURL());
        }
      }
      loader = new URLClassLoader(jars.toArray(URL[]::new), SchemaRegistryIT.class.getClassLoader());
      Class<?> type = loader.loadClass("io.apicurio.registry.serde.avro.AvroKafkaDeserializer");
      deserializer = type.getConstructor().newInstance();
      type.getMethod("configure", Map.class, boolean.class)
          .invoke(deserializer, Map.of("apicurio.registry.url", url,
              "apicurio.registry.http.adapter", "JDK"), false);
      deserialize = type.getMethod("deserialize", String.class, byte[].class);
    }

    /** The Avro record in {@code bytes}, as Avro's JSON text. */
    String deserialize(String topic, byte[] bytes) throws Exception {
      return String.valueOf(deserialize.invoke(deserializer, topic, bytes));
    }

    @Override
    public void close() throws Exception {
      deserializer.getClass().getMethod("close").invoke(deserializer);
      loader.close();
    }
  }
}
