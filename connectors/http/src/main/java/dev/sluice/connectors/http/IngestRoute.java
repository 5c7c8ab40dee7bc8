package dev.sluice.connectors.http;

import com.sun.net.httpserver.HttpExchange;
import dev.sluice.connectors.http.IngestBody.MalformedBodyException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /ingest/<namespace>/<name>} for one stream on one worker: checks a request (token,
 * rate, size, JSON) and queues its records with one of the stream's instances on this worker.
 *
 * <p>A request whose {@code Idempotency-Key} matches the last durable record of an instance that
 * stopped (known from the position it resumed from) is queued without the records that were
 * already durable, so a client that retries a request cut short by a restart does not write them
 * twice.
 *
 * <p>Thread-safe: the server's handler threads call {@link #handle}.
 */
final class IngestRoute {

  /** The longest {@code Idempotency-Key} accepted; it is stored in every record's position. */
  static final int MAX_KEY_LENGTH = 128;

  /**
   * What the stream's current config says about requests.
   *
   * @param token the bearer token requests must carry
   * @param maxBodyBytes the largest body accepted
   * @param rate the rate limit, or null for none
   */
  record Settings(BearerToken token, long maxBodyBytes, TokenBucket rate) {}

  private final String stream;
  private final List<IngestQueue> queues = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> durableUpTo = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();
  private volatile Settings settings;

  IngestRoute(String stream) {
    this.stream = stream;
  }

  /**
   * Adds an instance's queue; its settings apply from now on, for all instances of the stream on
   * this worker (they share one config, unless a new revision is taking over).
   *
   * @param resumeKey the {@code Idempotency-Key} of the instance's last durable record, or null
   * @param resumeIndex that record's index in its request
   */
  void join(IngestQueue queue, Settings settings, String resumeKey, int resumeIndex) {
    this.settings = settings;
    queues.add(queue);
    if (resumeKey != null) {
      durableUpTo.put(resumeKey, resumeIndex);
    }
  }

  /** Removes an instance's queue; true when it was the last. */
  boolean leave(IngestQueue queue) {
    queues.remove(queue);
    return queues.isEmpty();
  }

  /** Answers at once, or queues the request, which is answered when its records are durable. */
  void handle(HttpExchange exchange) {
    IngestReply reply = receive(exchange);
    if (reply != null) {
      reply.send(exchange);
    }
  }

  /** The answer to send now, or null when the request was queued. */
  private IngestReply receive(HttpExchange exchange) {
    Settings current = settings;
    if (!exchange.getRequestMethod().equals("POST")) {
      return IngestReply.error(405, exchange.getRequestMethod() + " is not supported; POST "
          + "records as JSON or NDJSON").with("Allow", "POST");
    }
    if (!current.token().matches(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return IngestReply.error(401, "missing or wrong token; send the stream's token as "
          + "Authorization: Bearer <token>").with("WWW-Authenticate", "Bearer");
    }
    if (current.rate() != null) {
      Duration wait = current.rate().take();
      if (!wait.isZero()) {
        return IngestReply.retryLater(429, "stream " + stream + " takes at most its rateLimit "
            + "of requests a second; send again after Retry-After, or batch records into "
            + "fewer requests", wait);
      }
    }
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
      return IngestReply.error(400, "Idempotency-Key must have 1 to " + MAX_KEY_LENGTH
          + " characters, such as a UUID");
    }
    byte[] body;
    try {
      body = readBody(exchange, current.maxBodyBytes());
    } catch (IOException e) {
      return IngestReply.error(400, "could not read the body: " + e.getMessage());
    }
    if (body == null) {
      return IngestReply.error(413, "the body is larger than the stream's maxBodyBytes of "
          + current.maxBodyBytes() + " bytes; split it into smaller requests");
    }
    List<Object> values;
    try {
      values = IngestBody.parse(body, body.length,
          exchange.getRequestHeaders().getFirst("Content-Type"));
    } catch (MalformedBodyException e) {
      return IngestReply.error(400, e.getMessage());
    }
    int skipped = alreadyDurable(key, values.size());
    if (skipped == values.size()) {
      return IngestReply.accepted(values.size());
    }
    return offer(new IngestRequest(exchange, values.subList(skipped, values.size()), key, skipped,
        body.length, System.currentTimeMillis()));
  }

  /** How many records at the front of a request with {@code key} were durable before. */
  private int alreadyDurable(String key, int records) {
    Integer index = key == null ? null : durableUpTo.remove(key);
    return index == null ? 0 : Math.min(index + 1, records);
  }

  /** Queues the request with the next instance that has room; null once queued. */
  private IngestReply offer(IngestRequest request) {
    List<IngestQueue> current = List.copyOf(queues);
    boolean full = false;
    int start = Math.floorMod(next.getAndIncrement(), Math.max(1, current.size()));
    for (int i = 0; i < current.size(); i++) {
      IngestQueue.Offer offer = current.get((start + i) % current.size()).offer(request);
      if (offer == IngestQueue.Offer.QUEUED) {
        return null;
      }
      full |= offer == IngestQueue.Offer.FULL;
    }
    if (request.skipped() > 0) { // the retry of this retry must skip them too
      durableUpTo.put(request.idempotencyKey(), request.skipped() - 1);
    }
    return full
        ? IngestReply.retryLater(503, "stream " + stream + " has more records waiting than it "
            + "holds; send again after Retry-After", Duration.ofSeconds(1))
        : IngestReply.retryLater(503, "stream " + stream + " is stopping on this worker; send "
            + "again after Retry-After", Duration.ofSeconds(1));
  }

  /** The body, or null when it is larger than {@code max} bytes; never reads more than max + 1. */
  private static byte[] readBody(HttpExchange exchange, long max) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && parseLength(declared) > max) {
      return null;
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      return body.length > max ? null : body;
    }
  }

  private static long parseLength(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return -1; // the server itself refuses a malformed Content-Length
    }
  }
}
