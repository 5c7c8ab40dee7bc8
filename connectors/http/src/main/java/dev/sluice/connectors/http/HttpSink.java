package dev.sluice.connectors.http;

import dev.sluice.api.Problem;
import dev.sluice.api.component.Batching;
import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.SinkConnector;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.record.Record;
import dev.sluice.connectors.http.RequestBodies.Slice;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code http} output: sends record values to a URL, a request per slice of the batch (at
 * most {@code batch.count} records and {@code batch.bytes} bytes), in order, and returns once the
 * server answered 2xx to every one.
 *
 * <p>Failures, by the server's answer:
 *
 * <ul>
 *   <li>5xx, 408, 429, a timeout or a connection error: the request is sent again after a
 *       doubling backoff (or the server's Retry-After), up to {@code retry.max} times; then the
 *       write throws {@link RetriableException}, Sluice commits nothing and writes the batch again
 *       later. Requests of the batch that had succeeded are sent again then (at-least-once).
 *   <li>Any other 4xx: the request is refused as a whole. A request of several records is split
 *       in halves, sent again half by half, until the refused record is alone; the write then
 *       throws {@link PermanentException} with its index, every record before it delivered and
 *       none after it sent. So one bad record costs a few extra requests, not its neighbours.
 *       413 (too large) splits the same way.
 *   <li>401, 403, 404, 405, 415 and redirects: the destination or credentials are wrong for every
 *       record, so the write throws {@link ConfigException} and the stream fails with the reason,
 *       instead of sending every record to the error policy.
 * </ul>
 *
 * <p>Used by one thread, as {@link SinkConnector} says.
 */
final class HttpSink implements SinkConnector {

  private static final Logger log = LoggerFactory.getLogger(HttpSink.class);

  /** Answers that say the destination or the credentials are wrong for every record. */
  private static final Set<Integer> WRONG_CONFIG = Set.of(401, 403, 404, 405, 415);

  /** How much of a response body is read: only error messages use it. */
  private static final long RESPONSE_BYTES = 4096;

  private final Clock clock = Clock.systemUTC();
  private HttpSinkConfig config;
  private GuardedClient client;

  @Override
  public void start(ComponentContext context) throws ConfigException {
    config = HttpSinkConfig.from(context);
    client = new GuardedClient(config.guard(), config.url(), config.timeout());
    log.info("http output of stream {} instance {} sends {} {} in batches of up to {} records, "
            + "{} bytes", context.stream(), context.instance(), config.method(), config.url(),
        config.batchCount(), config.batchBytes());
  }

  @Override
  public Batching batching() {
    return new Batching(config.batchCount(), config.batchPeriod());
  }

  @Override
  public void write(List<Record> batch)
      throws ConfigException, RetriableException, PermanentException {
    RequestBodies bodies = RequestBodies.encode(batch, config.format());
    for (Slice slice : bodies.split(config.batchCount(), config.batchBytes())) {
      deliver(bodies, slice);
    }
  }

  /** Sends {@code slice}; when refused, halves it until the refused record is found. */
  private void deliver(RequestBodies bodies, Slice slice)
      throws ConfigException, RetriableException, PermanentException {
    GuardedClient.Response refusal = send(bodies.body(slice));
    if (refusal == null) {
      return;
    }
    if (slice.size() == 1) {
      throw new PermanentException(config.method() + " " + config.url() + " refused record "
          + slice.from() + " of the batch: " + refusal.describe(), null, slice.from());
    }
    log.debug("{} refused a request of {} records ({}); halving it to find the refused record",
        config.url(), slice.size(), refusal.status());
    deliver(bodies, slice.firstHalf());
    deliver(bodies, slice.secondHalf());
  }

  /**
   * Sends one body, retrying what may pass; null once the server accepted it, the response when
   * it refused it for good.
   */
  private GuardedClient.Response send(byte[] body)
      throws ConfigException, RetriableException {
    Duration backoff = config.retryBackoff();
    for (int attempt = 0; ; attempt++) {
      RetriableException failure;
      try {
        GuardedClient.Response response = client.send(request(body), RESPONSE_BYTES);
        int status = response.status();
        if (response.ok()) {
          return null;
        }
        if (status / 100 == 3 || WRONG_CONFIG.contains(status)) {
          throw new ConfigException(List.of(Problem.at("url", config.url().toString(),
              config.method() + " " + config.url() + " answered " + response.describe()
                  + "; " + fix(status))));
        }
        if (status / 100 == 4 && status != 408 && status != 429) {
          return response;
        }
        failure = new RetriableException(config.method() + " " + config.url() + " answered "
            + response.describe(), null,
            RetryAfter.of(response.headers(), clock).orElse(null));
      } catch (RetriableException e) {
        failure = e;
      }
      Duration hint = failure.backoffHint().orElse(Duration.ZERO);
      Duration wait = hint.compareTo(backoff) > 0 ? hint : backoff;
      if (attempt >= config.retryMax() || wait.compareTo(config.retryMaxBackoff()) > 0) {
        throw new RetriableException(failure.getMessage() + " (after " + (attempt + 1)
            + " attempts)", failure.getCause(), wait);
      }
      log.debug("{}; retry {} of {} in {}", failure.getMessage(), attempt + 1, config.retryMax(),
          wait);
      pause(wait);
      backoff = min(backoff.multipliedBy(2), config.retryMaxBackoff());
    }
  }

  private HttpRequest request(byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(config.url())
        .timeout(config.timeout())
        .method(config.method(), HttpRequest.BodyPublishers.ofByteArray(body));
    boolean typed = config.headers().keySet().stream()
        .anyMatch(h -> h.equalsIgnoreCase("Content-Type"));
    if (!typed) {
      request.header("Content-Type", config.format().contentType());
    }
    config.headers().forEach(request::header);
    return request.build();
  }

  private static String fix(int status) {
    return switch (status) {
      case 401, 403 -> "check the credentials in headers";
      case 404 -> "check url";
      case 405 -> "check method";
      case 415 -> "check format, or set Content-Type in headers";
      default -> "set url to where the redirect leads (Sluice follows no redirects, which could "
          + "lead inside its own network)";
    };
  }

  private static void pause(Duration wait) throws RetriableException {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("interrupted while waiting to retry", e);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
