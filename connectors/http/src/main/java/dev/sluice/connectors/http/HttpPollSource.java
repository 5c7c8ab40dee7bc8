package dev.sluice.connectors.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sluice.api.Problem;
import dev.sluice.api.component.SourceConnector;
import dev.sluice.api.component.SourceContext;
import dev.sluice.api.component.SourceRecord;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.expression.Expression;
import dev.sluice.api.expression.ExpressionException;
import dev.sluice.api.record.Record;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code http_poll} input: fetches a URL, takes the records of the response, and asks again,
 * at once while responses bring records and a new cursor (pages), else after the interval.
 *
 * <p>State and positions: the cursor of the next request and how many records at the front of
 * its response were already taken ({@code skip}). A page's last record has the position {@code
 * {"cursor": <next cursor>}}; every other record {@code {"cursor": <its page's cursor>, "skip":
 * <records up to it>}}, so a restart asks for the same page again and leaves out what was durable.
 * A response whose cursor did not move (or gave none) is asked again after the interval, and only
 * records past the ones taken are new: an API that appends to its last page loses nothing and
 * repeats nothing. Without a {@code cursor} expression each response is taken whole, and positions
 * are empty.
 *
 * <p>One API, one reader: only instance 0 of the stream polls; other instances stay idle, so that
 * a stream with {@code parallelism} above 1 does not take every record several times.
 *
 * <p>Used by one thread, as {@link SourceConnector} says.
 */
final class HttpPollSource implements SourceConnector {

  private static final Logger log = LoggerFactory.getLogger(HttpPollSource.class);

  private final Clock clock = Clock.systemUTC();
  private HttpPollConfig config;
  private GuardedClient client;
  private Object cursor;
  private int skip;
  private long nextFetch;
  private boolean idle;

  @Override
  public void start(SourceContext context) throws ConfigException {
    config = HttpPollConfig.from(context);
    if (context.instance() != 0) {
      idle = true;
      log.info("http_poll for stream {} instance {} stays idle: instance 0 polls {}",
          context.stream(), context.instance(), config.url());
      return;
    }
    Map<String, Object> position = context.committedPosition().orElse(Map.of());
    cursor = position.get("cursor");
    skip = position.get("skip") instanceof Number n ? n.intValue() : 0;
    client = new GuardedClient(config.guard(), config.url(), config.timeout());
    nextFetch = System.nanoTime();
    log.info("http_poll for stream {} instance {} fetches {} {} every {}{}", context.stream(),
        context.instance(), config.method(), config.url(), config.interval(),
        cursor == null ? "" : ", from cursor " + cursor + (skip == 0 ? "" : " after " + skip));
  }

  @Override
  public List<SourceRecord> poll(Duration timeout) throws ComponentException {
    long wait = idle ? timeout.toNanos() : nextFetch - System.nanoTime();
    if (wait > 0 && !sleep(Math.min(wait, timeout.toNanos()))) {
      return List.of();
    }
    if (idle || nextFetch - System.nanoTime() > 0) {
      return List.of();
    }
    URI url = cursor == null ? config.url()
        : withQueryParameter(config.url(), config.cursorParam(), text(cursor));
    GuardedClient.Response response = client.send(request(url), config.maxBodyBytes());
    Object body = body(url, response);
    Object next = config.cursor() == null ? null : evaluate(config.cursor(), body, "cursor");
    return take(records(body), next);
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }

  /** Sleeps; false when interrupted (with the flag set again). */
  private static boolean sleep(long nanos) {
    try {
      Thread.sleep(Duration.ofNanos(nanos));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The records past {@code skip}, with their positions; moves the cursor on. */
  private List<SourceRecord> take(List<Object> values, Object next) throws PermanentException {
    if (next != null && !(next instanceof String || next instanceof Number
        || next instanceof Boolean)) {
      throw new PermanentException("the cursor expression '" + config.cursor().source()
          + "' gave " + next + ", not a string or number to send as " + config.cursorParam()
          + "; make it pick one value, such as next_cursor", null);
    }
    boolean moved = next != null && !text(next).equals(cursor == null ? null : text(cursor));
    long now = clock.millis();
    List<SourceRecord> taken = new ArrayList<>();
    for (int i = skip; i < values.size(); i++) {
      Map<String, Object> position;
      if (config.cursor() == null) {
        position = Map.of();
      } else if (moved && i == values.size() - 1) {
        position = Map.of("cursor", next);
      } else {
        position = cursor == null ? Map.of("skip", i + 1) : Map.of("cursor", cursor, "skip", i + 1);
      }
      taken.add(new SourceRecord(Record.of(values.get(i), now), position));
    }
    if (config.cursor() == null) {
      skip = 0;
    } else if (moved) {
      cursor = next;
      skip = 0;
    } else {
      skip = values.size();
    }
    boolean followPage = moved && !values.isEmpty();
    nextFetch = System.nanoTime() + (followPage ? 0 : config.interval().toNanos());
    log.trace("http_poll took {} records; next cursor {}", taken.size(), cursor);
    return taken;
  }

  private HttpRequest request(URI url) {
    HttpRequest.Builder request = HttpRequest.newBuilder(url)
        .timeout(config.timeout())
        .header("Accept", "application/json");
    config.headers().forEach(request::header);
    if (config.method().equals("POST")) {
      boolean typed = config.headers().keySet().stream()
          .anyMatch(h -> h.equalsIgnoreCase("Content-Type"));
      if (!typed) {
        request.header("Content-Type", "application/json");
      }
      request.POST(HttpRequest.BodyPublishers.ofString(Objects.requireNonNullElse(config.body(),
          ""), StandardCharsets.UTF_8));
    } else {
      request.GET();
    }
    return request.build();
  }

  /** The parsed body of a successful response; a refusal or failure as the right exception. */
  private Object body(URI url, GuardedClient.Response response) throws ComponentException {
    int status = response.status();
    String what = config.method() + " " + url + " answered " + response.describe();
    if (status == 401 || status == 403) {
      throw refused(what + "; check the credentials in headers");
    }
    if (status == 404) {
      throw refused(what + "; check url");
    }
    if (status / 100 == 3) {
      throw refused(what + ", a redirect to " + response.headers().firstValue("Location")
          .orElse("elsewhere") + "; set url to where it leads (Sluice follows no redirects, "
          + "which could lead inside its own network)");
    }
    if (!response.ok()) {
      throw new RetriableException(what, null, RetryAfter.of(response.headers(), clock)
          .orElse(null));
    }
    if (response.truncated()) {
      throw new ConfigException(List.of(Problem.at("maxBodyBytes",
          Long.toString(config.maxBodyBytes()), config.method() + " " + url + " answered with "
              + "a body larger than maxBodyBytes; raise it, or ask the API for smaller pages")));
    }
    try {
      return response.body().length == 0 ? null
          : Json.read(response.body(), 0, response.body().length);
    } catch (JsonProcessingException e) {
      throw new PermanentException(config.method() + " " + url + " answered with a body that "
          + "is not JSON, at " + Json.describe(e, 0) + "; point url at a JSON API", e);
    } catch (IOException e) {
      throw new PermanentException("could not read the body of " + url + ": " + e.getMessage(),
          e);
    }
  }

  private ConfigException refused(String message) {
    return new ConfigException(List.of(Problem.at("url", config.url().toString(), message)));
  }

  /** The records the {@code records} expression selects from {@code body}. */
  private List<Object> records(Object body) throws PermanentException {
    Object selected = config.records() == null ? body
        : evaluate(config.records(), body, "records");
    if (selected == null) {
      return List.of();
    }
    if (selected instanceof List<?> list) {
      return list.stream().filter(Objects::nonNull).map(Object.class::cast).toList();
    }
    return List.of(selected);
  }

  private Object evaluate(Expression expression, Object body, String field)
      throws PermanentException {
    try {
      return expression.evaluate(body, Map.of());
    } catch (ExpressionException e) {
      throw new PermanentException("the " + field + " expression '" + expression.source()
          + "' failed on a response of " + config.url() + ": " + e.getMessage(), e);
    }
  }

  /** A cursor as query text: whole numbers without a fraction. */
  private static String text(Object value) {
    if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(value);
  }

  /** {@code url} with the query parameter {@code name} set to {@code value}, replacing any. */
  private static URI withQueryParameter(URI url, String name, String value) {
    StringBuilder query = new StringBuilder();
    if (url.getRawQuery() != null) {
      for (String pair : url.getRawQuery().split("&")) {
        String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
        if (!pair.isEmpty() && !key.equals(URLEncoder.encode(name, StandardCharsets.UTF_8))) {
          query.append(pair).append('&');
        }
      }
    }
    query.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    return URI.create(url.getScheme() + "://" + url.getRawAuthority() + path + "?" + query);
  }
}
