package dev.sluice.connectors.http;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.Processor;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.expression.Expression;
import dev.sluice.api.expression.ExpressionException;
import dev.sluice.api.record.Record;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code http} processor: one call per record (or an answer from the cache), whose answer goes
 * into a field of the record's value. 5xx, 408, 429, timeouts and connection failures are
 * retriable (the stream's error policy retries them with backoff); other answers outside 2xx and
 * 404 are permanent, as are URLs the SSRF guard refuses. Used by one thread, as {@link Processor}
 * says.
 */
final class HttpEnrichProcessor implements Processor {

  private ConfigValues config;
  private Expression url;
  private Expression body;
  private String into;
  private boolean post;
  private Map<String, String> headers;
  private String notFound;
  private long maxBodyBytes;
  private Duration timeout;
  private AnswerCache cache;
  private GuardedClient client;

  @Override
  public void start(ComponentContext context) throws ConfigException {
    config = new ConfigValues(context.config(), HttpEnrichProvider.SPEC);
    url = compile(context, "url");
    body = config.string("body") == null ? null : compile(context, "body");
    into = config.string("into");
    post = "POST".equals(config.string("method"));
    headers = config.strings(OutboundHeaders.FIELD);
    notFound = config.string("notFound");
    maxBodyBytes = config.integer("maxBodyBytes");
    timeout = config.duration("timeout");
    cache = new AnswerCache(config.duration("cacheFor"), (int) config.integer("cacheSize"), System::nanoTime);
    // The destination is known per record: HTTP/1.1, which every server speaks.
    client = new GuardedClient(SsrfGuard.from(config), HttpClient.Version.HTTP_1_1, timeout);
  }

  private Expression compile(ComponentContext context, String field) throws ConfigException {
    try {
      return context.expressions().compile(config.string(field));
    } catch (ExpressionException e) {
      throw new ConfigException(List.of(Problem.at(field, config.string(field), e.getMessage())));
    }
  }

  @Override
  public List<Record> process(Record record) throws ComponentException {
    if (!(record.value() instanceof Map<?, ?> value)) {
      throw new PermanentException("the http processor puts the answer into field '" + into + "' of the value, "
          + "but the value is not an object; map it to one first", null);
    }
    URI uri = uri(value);
    // The body is made once: it is sent and, with the method and URL, what the cache is keyed by.
    byte[] postBody = post ? postBody(value) : null;
    HttpRequest request = request(uri, postBody);
    String cacheKey = request.method() + " " + request.uri()
        + (postBody == null ? "" : " " + new String(postBody, StandardCharsets.UTF_8));
    Optional<Object> cached = cache.get(cacheKey);
    Object answer = cached.isPresent() ? cached.get() : call(request, cacheKey);
    if (answer == AnswerCache.NONE) {
      switch (notFound) {
        case "drop" -> {
          return List.of();
        }
        case "fail" -> throw new PermanentException(request.method() + " " + request.uri() + " answered 404", null);
        default -> answer = null;
      }
    }
    Map<String, Object> enriched = new LinkedHashMap<>();
    value.forEach((k, v) -> enriched.put(String.valueOf(k), v));
    enriched.put(into, answer);
    return List.of(record.withValue(enriched));
  }

  private Object call(HttpRequest request, String cacheKey) throws ComponentException {
    GuardedClient.Response response = client.send(request, maxBodyBytes);
    String what = request.method() + " " + request.uri();
    int status = response.status();
    Object answer;
    if (status == 404) {
      answer = AnswerCache.NONE;
    } else if (status / 100 == 5 || status == 408 || status == 429) {
      throw new RetriableException(what + " answered " + response.describe() + "; it will be tried again", null);
    } else if (!response.ok()) {
      throw new PermanentException(what + " answered " + response.describe(), null);
    } else if (response.truncated()) {
      throw new PermanentException(what + " answered more than maxBodyBytes (" + maxBodyBytes
          + " bytes); raise maxBodyBytes or ask for less", null);
    } else {
      answer = parse(response.body());
    }
    cache.put(cacheKey, answer);
    return answer;
  }

  private URI uri(Map<?, ?> value) throws PermanentException {
    Object target = evaluate(url, value, "url");
    URI uri;
    try {
      uri = URI.create(String.valueOf(target));
    } catch (IllegalArgumentException e) {
      throw new PermanentException("the url expression gave '" + target + "', which is not a URL: " + e.getMessage(), e);
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
      throw new PermanentException("the url expression gave '" + target + "'; it must be an http or https URL",
          null);
    }
    return uri;
  }

  /** The request to {@code uri}; a POST when {@code postBody} is not {@code null}. */
  private HttpRequest request(URI uri, byte[] postBody) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
    headers.forEach(request::header);
    if (postBody != null) {
      request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(postBody));
    }
    return request.build();
  }

  private byte[] postBody(Map<?, ?> value) throws ComponentException {
    try {
      return Json.write(body == null ? value : evaluate(body, value, "body"));
    } catch (IOException e) {
      throw new PermanentException("the body cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  private static Object evaluate(Expression expression, Map<?, ?> value, String field) throws PermanentException {
    try {
      return expression.evaluate(value, Map.of());
    } catch (ExpressionException e) {
      throw new PermanentException("the " + field + " expression failed for this record: " + e.getMessage(), e);
    }
  }

  private static Object parse(byte[] bytes) {
    try {
      return Json.read(bytes, 0, bytes.length);
    } catch (IOException notJson) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
