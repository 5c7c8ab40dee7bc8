package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.controlplane.ControlPlane;
import dev.sluice.controlplane.scheduler.StatusQueries;
import dev.sluice.controlplane.scheduler.StreamStatus;
import dev.sluice.dataplane.pipeline.Components;
import dev.sluice.dataplane.worker.Worker;
import dev.sluice.definitions.ComponentCatalog;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.KafkaExtension;
import dev.sluice.testkit.PostgresExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate(count = 10,000) -> mapping -> kafka through the control plane and two workers: exactly
 * 10,000 mapped records arrive, and the stream reaches {@code completed}.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class FiniteStreamIT {

  private static final int COUNT = 10_000;

  @TempDir Path state;

  @Test
  void aFiniteGenerateDeliversExactlyItsCountMappedAndCompletes(EmbeddedKafka kafka, EmbeddedPostgres postgres)
      throws Exception {
    String database = postgres.createDatabase("finite_stream");
    ClassLoader loader = getClass().getClassLoader();
    ComponentCatalog catalog = ComponentCatalog.load(loader);
    try (ControlPlane controlPlane = TestControlPlane.start(database, kafka, "join", Duration.ofSeconds(10), catalog);
        Worker one = worker(controlPlane, "finite-1", catalog);
        Worker two = worker(controlPlane, "finite-2", catalog)) {
      controlPlane.streams().create("""
          apiVersion: sluice.dev/v1
          kind: Stream
          metadata: {name: numbers, namespace: it}
          spec:
            parallelism: 2
            input: {generate: {template: '{"n": $seq}', count: %d, rate: 0}}
            pipeline: {processors: [{mapping: '{"n": n, "square": n * n}'}]}
            output: {kafka: {topic: squares}}
          """.formatted(COUNT), "it");

      StatusQueries status = new StatusQueries(Jdbi.create(database, "postgres", ""));
      await().atMost(Duration.ofSeconds(90)).until(() -> status.status("it", "numbers")
          .map(s -> s.state() == StreamStatus.State.COMPLETED).orElse(false));
      assertThat(status.status("it", "numbers").orElseThrow().instances()).hasSize(2)
          .extracting(i -> i.workerName()).containsExactlyInAnyOrder("finite-1", "finite-2");
      assertThat(sumOf(one, "sluice_records_out_total") + sumOf(two, "sluice_records_out_total")).isEqualTo(COUNT);
      String scraped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + one.metricsPort() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(scraped).contains("sluice_records_in_total{instance=", "stream=\"it/numbers\"",
          "sluice_lag_records{instance=");
      assertThat(sumOf(one, "sluice_processing_latency_seconds_count")
          + sumOf(two, "sluice_processing_latency_seconds_count"))
          .as("one latency sample per record out").isEqualTo(COUNT);
    }

    List<String> values = readAll(kafka, "squares");
    assertThat(values).hasSize(COUNT);
    Set<Long> numbers = new HashSet<>();
    for (String value : values) {
      long n = Long.parseLong(value.replaceAll(".*\"n\":(\\d+).*", "$1"));
      assertThat(value).isEqualTo("{\"n\":" + n + ",\"square\":" + n * n + "}");
      numbers.add(n);
    }
    assertThat(numbers).hasSize(COUNT).allMatch(n -> n >= 0 && n < COUNT);
  }

  private Worker worker(ControlPlane controlPlane, String name, ComponentCatalog catalog) throws Exception {
    return TestWorker.start(controlPlane, name, state.resolve(name), Components.load(getClass().getClassLoader()),
        catalog, Map.of());
  }

  /** The sum of a counter over the worker's instances, from its Prometheus text. */
  private static long sumOf(Worker worker, String counter) {
    return worker.scrapeMetrics().lines().filter(l -> l.startsWith(counter + "{"))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private static List<String> readAll(EmbeddedKafka kafka, String topic) {
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringDeserializer(),
        new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<String> values = new ArrayList<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          values.add(r.value());
        }
      }
      return values;
    }
  }
}
