package dev.sluice.connectors.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of {@code http_server} as real senders behave: {@link #post} sends once; {@link
 * #deliver} sends in the background and sends again after a 503 or a refused connection, until
 * it gets another answer, which is what a client does that wants its records to land.
 */
final class IngestClient implements AutoCloseable {

  private static final Duration PAUSE = Duration.ofMillis(50);

  private final URI base;
  private final String token;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final AtomicInteger resent = new AtomicInteger();
  private final ExecutorService background = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "ingest-client");
    thread.setDaemon(true);
    return thread;
  });

  /**
   * @param port the ingest port
   * @param token the bearer token to send, or null for none
   */
  IngestClient(int port, String token) {
    this.base = URI.create("http://127.0.0.1:" + port);
    this.token = token;
  }

  /** A POST of {@code body} to {@code path}, without sending it. */
  HttpRequest request(String path, String body, String contentType, String idempotencyKey) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return request.build();
  }

  /** Sends once and waits for the answer. */
  HttpResponse<String> post(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Sends once, in the background. */
  CompletableFuture<HttpResponse<String>> postAsync(HttpRequest request) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Sends in the background until the answer is neither 503 nor a refused connection; completes
   * with that answer.
   */
  CompletableFuture<HttpResponse<String>> deliver(HttpRequest request) {
    return CompletableFuture.supplyAsync(() -> {
      while (true) {
        try {
          HttpResponse<String> response = post(request);
          if (response.statusCode() != 503) {
            return response;
          }
        } catch (IOException e) {
          // the server is not up (yet, or again), or dropped the connection: try again
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
        resent.incrementAndGet();
        try {
          Thread.sleep(PAUSE);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    }, background);
  }

  /** How many times {@link #deliver} sent a request again. */
  int resent() {
    return resent.get();
  }

  /** Stops sending, including requests still being retried. */
  @Override
  public void close() {
    background.shutdownNow();
    http.shutdownNow();
  }
}
