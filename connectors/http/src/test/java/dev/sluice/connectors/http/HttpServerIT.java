package dev.sluice.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.SourceConnector;
import dev.sluice.api.component.SourceRecord;
import dev.sluice.api.error.ComponentException;
import dev.sluice.testkit.conformance.ConformanceContext;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * http_server on a real port, drained the way the engine drains a source: poll, then acknowledge
 * the last position of the batch.
 */
class HttpServerIT {

  private static final String TOKEN = "it-token-0123456789abcdef";
  private static final String PATH = "/ingest/it/events";

  private final int port = HttpOutputConformanceIT.closedPort();
  private final IngestClient client = new IngestClient(port, TOKEN);
  private final List<Drain> drains = new ArrayList<>();

  @AfterEach
  void stop() {
    drains.forEach(Drain::close);
    client.close();
  }

  @Test
  void tenThousandPostsFromEightClientsAllLandOnceEach() throws Exception {
    Drain drain = start("it/events", Map.of("token", TOKEN), Optional.empty());
    int clients = 8;
    int perClient = 1250;
    ExecutorService senders = Executors.newFixedThreadPool(clients);
    List<Future<List<Integer>>> statuses = new ArrayList<>();
    long started = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      int first = c * perClient;
      statuses.add(senders.submit(() -> {
        List<Integer> codes = new ArrayList<>();
        for (int id = first; id < first + perClient; id++) {
          codes.add(client.deliver(client.request(PATH, "{\"id\":" + id + "}",
              "application/json", null)).get().statusCode());
        }
        return codes;
      }));
    }
    List<Integer> codes = new ArrayList<>();
    for (Future<List<Integer>> f : statuses) {
      codes.addAll(f.get(120, TimeUnit.SECONDS));
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    senders.shutdown();
    System.out.printf("10,000 POSTs from %d clients answered 202 in %d ms (%.0f requests/s, "
        + "%d sent again)%n", clients, millis, 10_000 * 1000.0 / millis, client.resent());

    assertThat(codes).hasSize(10_000).containsOnly(202);
    List<Long> ids = drain.ids();
    assertThat(ids).as("every record polled before its 202, once").hasSize(10_000)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 10_000).boxed().toList());
  }

  @Test
  void jsonArraysAndNdjsonBodiesAreOneRecordPerElementOrLine() throws Exception {
    Drain drain = start("it/events", Map.of("token", TOKEN), Optional.empty());

    HttpResponse<String> array = client.post(client.request(PATH,
        "[{\"id\":1},{\"id\":2},{\"id\":3}]", "application/json", null));
    HttpResponse<String> lines = client.post(client.request(PATH,
        "{\"id\":4}\n\n{\"id\":5}\r\n{\"id\":6}\n", "application/x-ndjson; charset=utf-8", null));

    assertThat(array.statusCode()).isEqualTo(202);
    assertThat(array.body()).isEqualTo("{\"accepted\":3}");
    assertThat(lines.statusCode()).isEqualTo(202);
    assertThat(drain.ids()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
  }

  @Test
  void aRequestOverTheSizeLimitGets413AndNothingOfItIsPolled() throws Exception {
    Drain drain = start("it/events", Map.of("token", TOKEN, "maxBodyBytes", 4096L),
        Optional.empty());
    String big = IntStream.range(0, 400).mapToObj(i -> "{\"id\":" + (1000 + i) + "}")
        .collect(Collectors.joining(",", "[", "]"));
    assertThat(big.length()).isGreaterThan(4096);

    HttpResponse<String> refused = client.post(client.request(PATH, big, "application/json",
        null));
    HttpResponse<String> sentinel = client.post(client.request(PATH, "{\"id\":1}",
        "application/json", null));

    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(refused.body()).contains("maxBodyBytes");
    assertThat(sentinel.statusCode()).isEqualTo(202);
    assertThat(drain.ids()).as("only the request after the refused one").containsExactly(1L);
  }

  @Test
  void aWrongOrMissingTokenGets401AndNothingIsPolled() throws Exception {
    Drain drain = start("it/events", Map.of("token", TOKEN), Optional.empty());
    try (IngestClient stranger = new IngestClient(port, "not-the-token-0123456789");
        IngestClient anonymous = new IngestClient(port, null)) {

      HttpResponse<String> wrong = stranger.post(stranger.request(PATH, "{\"id\":7}",
          "application/json", null));
      HttpResponse<String> missing = anonymous.post(anonymous.request(PATH, "{\"id\":8}",
          "application/json", null));
      HttpResponse<String> sentinel = client.post(client.request(PATH, "{\"id\":1}",
          "application/json", null));

      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
      assertThat(missing.statusCode()).isEqualTo(401);
      assertThat(sentinel.statusCode()).isEqualTo(202);
      assertThat(drain.ids()).containsExactly(1L);
    }
  }

  @Test
  void requestsOverTheRateGet429WithRetryAfter() throws Exception {
    start("it/limited", Map.of("token", TOKEN, "rateLimit", 1L), Optional.empty());
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sent.add(client.postAsync(client.request("/ingest/it/limited", "{\"id\":" + i + "}",
          "application/json", null)));
    }
    List<HttpResponse<String>> answers = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> f : sent) {
      answers.add(f.get(60, TimeUnit.SECONDS));
    }

    assertThat(answers).extracting(HttpResponse::statusCode).contains(202, 429);
    assertThat(answers).filteredOn(r -> r.statusCode() == 429).allSatisfy(r -> {
      assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(
          seconds -> assertThat(Long.parseLong(seconds)).isPositive());
      assertThat(r.body()).contains("rateLimit");
    });
  }

  @Test
  void malformedJsonGets400NamingTheLineAndUnknownPathsGet404() throws Exception {
    Drain drain = start("it/events", Map.of("token", TOKEN), Optional.empty());

    HttpResponse<String> malformed = client.post(client.request(PATH,
        "{\"id\":1}\n{\"id\": }\n", "application/x-ndjson", null));
    HttpResponse<String> unknownStream = client.post(client.request("/ingest/it/nothing",
        "{\"id\":1}", "application/json", null));
    HttpResponse<String> unknownPath = client.post(client.request("/elsewhere", "{}",
        "application/json", null));
    HttpResponse<String> sentinel = client.post(client.request(PATH, "{\"id\":2}",
        "application/json", null));

    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).contains("line 2, column");
    assertThat(unknownStream.statusCode()).isEqualTo(404);
    assertThat(unknownPath.statusCode()).isEqualTo(404);
    assertThat(drain.ids()).as("nothing of the malformed request").containsExactly(2L);
  }

  @Test
  void closingAnswers503ToRequestsNotYetDurableAndTheLastOneStopsTheServer() throws Exception {
    SourceConnector source = source(Map.of("token", TOKEN), Optional.empty());
    CompletableFuture<HttpResponse<String>> waiting = client.postAsync(client.request(PATH,
        "{\"id\":1}", "application/json", null));
    List<SourceRecord> polled = new ArrayList<>();
    await().atMost(Duration.ofSeconds(30))
        .until(() -> polled.addAll(source.poll(Duration.ofMillis(100))) || !polled.isEmpty());

    source.close();

    HttpResponse<String> answer = waiting.get(30, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Retry-After")).isPresent();
    try (IngestClient fresh = new IngestClient(port, TOKEN)) {
      assertThatThrownBy(() -> fresh.post(fresh.request(PATH, "{}", "application/json", null)))
          .as("no server on the port after its last instance closed")
          .isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyAfterARestartSkipsTheDurableRecords() throws Exception {
    SourceConnector first = source(Map.of("token", TOKEN), Optional.empty());
    String body = LongStream.range(0, 5).mapToObj(id -> "{\"id\":" + id + "}")
        .collect(Collectors.joining(",", "[", "]"));
    CompletableFuture<HttpResponse<String>> retried = client.deliver(
        client.request(PATH, body, "application/json", "key-1"));
    List<SourceRecord> polled = new ArrayList<>();
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      polled.addAll(first.poll(Duration.ofMillis(100)));
      return polled.size() == 5;
    });
    Map<String, Object> durable = polled.get(2).position();
    first.acknowledge(durable);
    first.close();

    Drain second = new Drain(source(Map.of("token", TOKEN), Optional.of(durable)));
    drains.add(second);

    assertThat(retried.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
    assertThat(second.ids()).as("the records after the durable one, once").containsExactly(3L,
        4L);
    assertThat(durable).containsEntry("seq", 2L).containsEntry("request", "key-1")
        .containsEntry("index", 2);
  }

  private Drain start(String stream, Map<String, Object> config,
      Optional<Map<String, Object>> position) throws ComponentException {
    Drain drain = new Drain(source(stream, config, position));
    drains.add(drain);
    return drain;
  }

  private SourceConnector source(Map<String, Object> config,
      Optional<Map<String, Object>> position) throws ComponentException {
    return source("it/events", config, position);
  }

  private SourceConnector source(String stream, Map<String, Object> config,
      Optional<Map<String, Object>> position) throws ComponentException {
    SourceConnector source = new HttpServerInputProvider().create();
    source.start(new ConformanceContext(stream, config, position,
        Map.of(ComponentContext.INGEST_PORT, Integer.toString(port))));
    return source;
  }

  /** Polls a source on its own thread and acknowledges each batch, as the engine does. */
  private static final class Drain implements AutoCloseable {
    private final SourceConnector source;
    private final List<Long> ids = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean running = true;

    Drain(SourceConnector source) {
      this.source = source;
      this.thread = new Thread(this::run, "drain");
      thread.start();
    }

    private void run() {
      try {
        while (running) {
          List<SourceRecord> batch = source.poll(Duration.ofMillis(100));
          if (!batch.isEmpty()) {
            batch.forEach(r -> ids.add(((Number) ((Map<?, ?>) r.record().value()).get("id"))
                .longValue()));
            source.acknowledge(batch.get(batch.size() - 1).position());
          }
        }
      } catch (ComponentException e) {
        throw new IllegalStateException(e);
      }
    }

    List<Long> ids() {
      synchronized (ids) {
        return List.copyOf(ids);
      }
    }

    @Override
    public void close() {
      running = false;
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      source.close();
    }
  }
}
