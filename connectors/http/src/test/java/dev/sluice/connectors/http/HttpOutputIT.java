package dev.sluice.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.api.component.Batching;
import dev.sluice.api.component.SinkConnector;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.record.Record;
import dev.sluice.testkit.conformance.ConformanceContext;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The http output against a real server on localhost that misbehaves in the ways servers do. */
class HttpOutputIT {

  private final RecordingServer server;

  HttpOutputIT() throws IOException {
    server = new RecordingServer();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void aServerThatAnswers503ForAWhileGetsEverythingAndNoWriteReturnsEarly() throws Exception {
    Duration outage = Duration.ofSeconds(3);
    AtomicLong firstRequest = new AtomicLong();
    server.answer(records -> {
      firstRequest.compareAndSet(0, System.nanoTime());
      return System.nanoTime() - firstRequest.get() < outage.toNanos() ? 503 : 200;
    });
    int retriable = 0;
    try (SinkConnector sink = start(Map.of("batch", Map.of("count", 50L),
        "retry", Map.of("max", 2L, "backoff", "50ms", "maxBackoff", "200ms")))) {
      for (long from = 0; from < 500; from += 50) {
        List<Record> batch = records(from, from + 50);
        retriable += writeLikeTheEngine(sink, batch);
        assertThat(server.ids()).as("held by the server when write returned")
            .containsAll(LongStream.range(from, from + 50).boxed().toList());
      }
    }

    assertThat(retriable).as("writes handed back during the outage").isPositive();
    assertThat(server.ids()).as("each record once, in order")
        .containsExactlyElementsOf(LongStream.range(0, 500).boxed().toList());
    assertThat(server.requests()).extracting(RecordingServer.Request::status).contains(503);
  }

  @Test
  void requestsHoldAtMostBatchCountRecords() throws Exception {
    try (SinkConnector sink = start(Map.of("batch", Map.of("count", 100L, "period", "1s")))) {
      assertThat(sink.batching()).isEqualTo(new Batching(100, Duration.ofSeconds(1)));
      sink.write(records(0, 250));
    }

    assertThat(server.requests()).extracting(r -> r.records().size()).containsExactly(100, 100,
        50);
    assertThat(server.ids()).containsExactlyElementsOf(LongStream.range(0, 250).boxed().toList());
  }

  @Test
  void requestBodiesStayWithinBatchBytes() throws Exception {
    try (SinkConnector sink = start(Map.of("batch", Map.of("bytes", 1000L, "count", 1000L)))) {
      sink.write(records(0, 200));
    }

    List<RecordingServer.Request> requests = server.requests();
    assertThat(requests).hasSizeGreaterThan(1)
        .allSatisfy(r -> assertThat(r.bytes()).isLessThanOrEqualTo(1000));
    assertThat(requests.subList(0, requests.size() - 1)).as("filled up to the bytes")
        .allSatisfy(r -> assertThat(r.bytes()).isGreaterThan(1000 - 40));
    assertThat(server.ids()).containsExactlyElementsOf(LongStream.range(0, 200).boxed().toList());
  }

  @Test
  void ndjsonSendsOneValuePerLine() throws Exception {
    try (SinkConnector sink = start(Map.of("format", "ndjson"))) {
      sink.write(records(0, 3));
    }

    assertThat(server.requests()).singleElement().satisfies(r -> {
      assertThat(r.contentType()).isEqualTo("application/x-ndjson");
      assertThat(r.records()).extracting(v -> v.get("name")).containsExactly("record 0",
          "record 1", "record 2");
    });
  }

  @Test
  void aRetryAfterLongerThanMaxBackoffHandsTheBatchBackWithIt() throws Exception {
    server.answer(records -> 429); // with Retry-After: 2
    try (SinkConnector sink = start(Map.of("retry", Map.of("maxBackoff", "1s")))) {
      Throwable thrown = catchThrowable(() -> sink.write(records(0, 1)));

      assertThat(thrown).isInstanceOf(RetriableException.class);
      assertThat(((RetriableException) thrown).backoffHint()).hasValue(Duration.ofSeconds(2));
    }
    assertThat(server.requests()).as("no retry inside the write").hasSize(1);
  }

  @Test
  void refusedCredentialsFailTheStreamInsteadOfEveryRecord() throws Exception {
    server.answer(records -> 401);
    try (SinkConnector sink = start(Map.of())) {
      Throwable thrown = catchThrowable(() -> sink.write(records(0, 10)));

      assertThat(thrown).isInstanceOf(ConfigException.class)
          .hasMessageContaining("401").hasMessageContaining("headers");
    }
    assertThat(server.requests()).as("no halving for a refusal of every record").hasSize(1);
  }

  /** Writes until the sink takes the batch, as the engine does; returns the retriable failures. */
  private static int writeLikeTheEngine(SinkConnector sink, List<Record> batch)
      throws ComponentException, InterruptedException {
    for (int failures = 0; ; failures++) {
      try {
        sink.write(batch);
        return failures;
      } catch (RetriableException e) {
        Thread.sleep(e.backoffHint().orElse(Duration.ofMillis(100)));
      }
    }
  }

  private SinkConnector start(Map<String, Object> config) throws ComponentException {
    Map<String, Object> full = new HashMap<>(config);
    full.put("url", server.url().toString());
    full.put("allowPrivateNetworks", true);
    full.putIfAbsent("batch", Map.of("count", 1000L));
    SinkConnector sink = new HttpOutputProvider().create();
    sink.start(context(full));
    return sink;
  }

  private static ConformanceContext context(Map<String, Object> config) {
    return new ConformanceContext("it/out", config, Optional.empty(), Map.of());
  }

  private static List<Record> records(long from, long to) {
    return LongStream.range(from, to).mapToObj(id -> new Record("k" + id,
        Map.of("id", id, "name", "record " + id), Map.of(), 0L)).toList();
  }
}
