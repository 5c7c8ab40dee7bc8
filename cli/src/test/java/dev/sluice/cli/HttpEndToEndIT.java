package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.api.component.ComponentContext;
import dev.sluice.controlplane.ControlPlane;
import dev.sluice.dataplane.worker.Worker;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.KafkaExtension;
import dev.sluice.testkit.KafkaTopics;
import dev.sluice.testkit.PostgresExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The http connectors through a real worker that loads them from the plugins directory: POSTs to
 * {@code http_server} land in Kafka, all of them and once each; an oversized request gets 413 and
 * writes nothing; an {@code http} output whose server answers 503 for 30 s loses nothing and
 * commits nothing before the server took the records.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class HttpEndToEndIT {

  private static final Path PLUGINS = Path.of("../target/plugins");
  private static final String TOKEN = "a-token-of-sixteen-chars";
  private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

  @TempDir Path state;
  private InstalledComponents installed;
  private ControlPlane controlPlane;
  private Worker worker;
  private int ingestPort;

  @BeforeEach
  void start(EmbeddedKafka kafka, EmbeddedPostgres postgres) throws Exception {
    installed = InstalledComponents.load(PLUGINS, line -> { });
    controlPlane = TestControlPlane.start(postgres.createDatabase("http_e2e_" + System.nanoTime()), kafka, "join",
        Duration.ofSeconds(10), installed.catalog());
    ingestPort = freePort();
    worker = TestWorker.start(controlPlane, "http-worker", state.resolve("worker"), installed.components(),
        installed.catalog(), Map.of(ComponentContext.INGEST_PORT, Integer.toString(ingestPort)));
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
  void tenThousandPostsAllLandInKafkaOnceAndAnOversizedOneWritesNothing(EmbeddedKafka kafka) throws Exception {
    controlPlane.streams().create("""
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: ingest, namespace: it}
        spec:
          input: {http_server: {token: %s, maxBodyBytes: 1000}}
          output: {kafka: {topic: ingested}}
        """.formatted(TOKEN), "it");
    HttpClient http = HttpClient.newHttpClient();
    URI uri = URI.create("http://127.0.0.1:" + ingestPort + "/ingest/it/ingest");
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> post(http, uri, "{\"seq\":-1}") == 202);

    ExecutorService clients = Executors.newFixedThreadPool(8);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int seq = 0; seq < 10_000; seq++) {
      String body = "{\"seq\":" + seq + "}";
      answers.add(clients.submit(() -> post(http, uri, body)));
    }
    for (Future<Integer> answer : answers) {
      assertThat(answer.get()).isEqualTo(202);
    }
    clients.shutdown();
    assertThat(post(http, uri, "{\"seq\":20000,\"pad\":\"" + "x".repeat(2_000) + "\"}")).isEqualTo(413);

    // The readiness probe's seq -1 is not counted: only 0-9,999 and, were it written, 20,000.
    Map<Long, Integer> seen = readSeqs(kafka, "ingested", 10_000);
    assertThat(seen.keySet()).hasSize(10_000).doesNotContain(20_000L);
    assertThat(seen.values()).as("copies of each record").containsOnly(1);
  }

  @Test
  void anOutputWhoseServerAnswers503For30SecondsLosesAndCommitsNothingEarly(EmbeddedKafka kafka) throws Exception {
    Set<Long> received = ConcurrentHashMap.newKeySet();
    Instant upAt = Instant.now().plusSeconds(30);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/in", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      boolean up = Instant.now().isAfter(upAt);
      if (up) {
        Matcher m = SEQ.matcher(body);
        while (m.find()) {
          received.add(Long.parseLong(m.group(1)));
        }
      }
      exchange.sendResponseHeaders(up ? 200 : 503, -1);
      exchange.close();
    });
    server.start();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      KafkaTopics.create(admin, List.of(new NewTopic("to-http", 2, (short) 1)));
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(
          Map.of("bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
        for (int seq = 0; seq < 2_000; seq++) {
          producer.send(new ProducerRecord<>("to-http", Integer.toString(seq), "{\"seq\":" + seq + "}"));
        }
      }
      controlPlane.streams().create("""
          apiVersion: sluice.dev/v1
          kind: Stream
          metadata: {name: outage, namespace: it}
          spec:
            input: {kafka: {topics: [to-http], start: earliest}}
            output: {http: {url: "http://127.0.0.1:%d/in", allowPrivateNetworks: true, batch: {count: 100}}}
          """.formatted(server.getAddress().getPort()), "it");

      String sinkGroup = "sluice-it-outage-sink";
      while (Instant.now().isBefore(upAt.minusSeconds(2))) {
        assertThat(admin.listConsumerGroupOffsets(sinkGroup).partitionsToOffsetAndMetadata().get())
            .as("offsets committed while the server answered 503").isEmpty();
        Thread.sleep(1_000);
      }
      await().atMost(Duration.ofSeconds(120)).until(() -> received.size() == 2_000);
    } finally {
      server.stop(0);
    }
    Set<Long> expected = new HashSet<>();
    for (long seq = 0; seq < 2_000; seq++) {
      expected.add(seq);
    }
    assertThat(received).isEqualTo(expected);
  }

  private static int post(HttpClient http, URI uri, String body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static Map<Long, Integer> readSeqs(EmbeddedKafka kafka, String topic, int distinct) {
    Map<Long, Integer> seen = new ConcurrentHashMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          Matcher m = SEQ.matcher(r.value());
          if (m.find()) {
            seen.merge(Long.parseLong(m.group(1)), 1, Integer::sum);
          }
        }
        return seen.size() >= distinct;
      });
      // Anything written twice would arrive within the next polls.
      consumer.poll(Duration.ofSeconds(2)).forEach(r -> {
        Matcher m = SEQ.matcher(r.value());
        if (m.find()) {
          seen.merge(Long.parseLong(m.group(1)), 1, Integer::sum);
        }
      });
    }
    return seen;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
