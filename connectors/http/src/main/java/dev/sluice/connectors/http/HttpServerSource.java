package dev.sluice.connectors.http;

import dev.sluice.api.Problem;
import dev.sluice.api.component.SourceConnector;
import dev.sluice.api.component.SourceContext;
import dev.sluice.api.component.SourceRecord;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.RetriableException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code http_server} input: records POSTed to {@code /ingest/<namespace>/<name>} on the
 * worker's ingest port, answered 202 only once Sluice has them durably.
 *
 * <p>Delivery: a request's records are handed out by {@link #poll} with the position {@code
 * {"seq": n}}; {@link #acknowledge} answers every request whose records are all durable. When the
 * instance closes first, its waiting requests get 503 with Retry-After and their clients send them
 * again, so nothing answered 202 is ever lost and nothing unanswered was promised. A client that
 * sends an {@code Idempotency-Key} and retries a request that was cut short does not get the
 * records that were already durable written twice; without one, those records are written again
 * (at-least-once).
 *
 * <p>A restarted instance numbers its records on from the committed position, so positions keep
 * growing across restarts.
 *
 * <p>{@link #poll}, {@link #acknowledge} and {@link #close} come from one thread, as {@link
 * SourceConnector} says; requests arrive on the ingest server's threads.
 */
final class HttpServerSource implements SourceConnector {

  private static final Logger log = LoggerFactory.getLogger(HttpServerSource.class);

  /** The most records one poll hands out. */
  static final int MAX_BATCH = 1000;

  private IngestQueue queue;
  private IngestServer.Member member;

  @Override
  public void start(SourceContext context) throws ConfigException, RetriableException {
    HttpServerConfig config = HttpServerConfig.from(context);
    Map<String, Object> committed = context.committedPosition().orElse(Map.of());
    long firstSeq = committed.isEmpty() ? 0 : number(committed, "seq") + 1;
    String resumeKey = committed.get("request") instanceof String key ? key : null;
    int resumeIndex = resumeKey == null ? -1 : (int) number(committed, "index");
    IngestRoute.Settings settings = new IngestRoute.Settings(new BearerToken(config.token()),
        config.maxBodyBytes(), config.rateLimit() == 0 ? null
            : new TokenBucket(config.rateLimit(), System::nanoTime));
    queue = new IngestQueue(firstSeq, config.queueBytes());
    try {
      member = IngestServer.join(
          config.port(), context.stream(), queue, settings, resumeKey, resumeIndex);
    } catch (IOException e) {
      throw new RetriableException("could not open the ingest port " + config.port() + " ("
          + e.getMessage() + "); another process may hold it: free it, or start the worker "
          + "with another --ingest-port", e);
    }
    log.info("stream {} instance {} receives records at POST /ingest/{} on port {}, from seq {}",
        context.stream(), context.instance(), context.stream(), config.port(), firstSeq);
  }

  @Override
  public List<SourceRecord> poll(Duration timeout) {
    try {
      return queue.poll(timeout, MAX_BATCH);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  @Override
  public void acknowledge(Map<String, Object> position) {
    if (position.get("seq") instanceof Number seq) {
      member.acknowledge(seq.longValue());
    }
  }

  @Override
  public void close() {
    if (member != null) {
      member.leave();
      member = null;
    }
  }

  private static long number(Map<String, Object> position, String field) throws ConfigException {
    if (position.get(field) instanceof Number n && n.doubleValue() == n.longValue()) {
      return n.longValue();
    }
    throw new ConfigException(List.of(Problem.at("position", position.toString(),
        "the stored position has no whole-number '" + field + "', so http_server cannot tell "
            + "how to number records on; reset the stream's stored positions")));
  }
}
