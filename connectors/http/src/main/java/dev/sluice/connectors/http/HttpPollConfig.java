package dev.sluice.connectors.http;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.expression.Expression;
import dev.sluice.api.expression.ExpressionException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code http_poll} input's configuration, parsed once at start.
 *
 * @param url the URL to fetch, without the cursor
 * @param method GET or POST
 * @param body the POST body, or null
 * @param headers request headers
 * @param interval the wait once a response brought nothing new
 * @param timeout how long connecting and each response may take
 * @param records selects the records of a response body, or null for the body itself
 * @param cursor gives the next cursor from a response body, or null for no cursor
 * @param cursorParam the query parameter that carries the cursor
 * @param maxBodyBytes the largest response body read
 * @param guard the SSRF guard of the config
 */
record HttpPollConfig(
    URI url,
    String method,
    String body,
    Map<String, String> headers,
    Duration interval,
    Duration timeout,
    Expression records,
    Expression cursor,
    String cursorParam,
    long maxBodyBytes,
    SsrfGuard guard) {

  /** The shortest interval: polling faster would hammer the API. */
  static final Duration MIN_INTERVAL = Duration.ofMillis(100);

  /**
   * Reads and compiles the config of {@code context}.
   *
   * @throws ConfigException with every field that cannot work
   */
  static HttpPollConfig from(ComponentContext context) throws ConfigException {
    List<Problem> problems = new ArrayList<>(check(context.config()));
    ConfigValues values = new ConfigValues(context.config(), HttpPollInputProvider.SPEC);
    Expression records = compile(context, "records", problems);
    Expression cursor = compile(context, "cursor", problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new HttpPollConfig(URI.create(values.string("url")), values.string("method"),
        values.string("body"), values.strings(OutboundHeaders.FIELD), values.duration("interval"),
        values.duration("timeout"), records, cursor, values.string("cursorParam"),
        values.integer("maxBodyBytes"), SsrfGuard.from(values));
  }

  /** The rules the spec cannot say: the SSRF guard, headers, and fields that go together. */
  static List<Problem> check(Map<String, Object> config) {
    ConfigValues values = new ConfigValues(config, HttpPollInputProvider.SPEC);
    List<Problem> problems = new ArrayList<>(
        SsrfGuard.from(values).check("url", values.value("url")));
    problems.addAll(OutboundHeaders.check(config));
    if (values.string("body") != null && !"POST".equals(values.string("method"))) {
      problems.add(Problem.at("body", null, "a body is sent only with method POST; set "
          + "method: POST or remove body"));
    }
    if (values.string("cursorParam").isBlank()) {
      problems.add(Problem.at("cursorParam", "", "name the query parameter that carries the "
          + "cursor, such as cursor or page_token"));
    }
    Duration interval = values.duration("interval");
    if (interval.compareTo(MIN_INTERVAL) < 0) {
      problems.add(Problem.at("interval", values.string("interval"), "poll at most every "
          + MIN_INTERVAL.toMillis() + "ms, so that the API is not hammered; set interval: 1s "
          + "or more"));
    }
    if (values.duration("timeout").isZero()) {
      problems.add(Problem.at("timeout", values.string("timeout"), "a request needs time to be "
          + "answered; set timeout: 10s, say"));
    }
    return problems;
  }

  private static Expression compile(ComponentContext context, String field,
      List<Problem> problems) {
    Object source = context.config().get(field);
    if (source == null) {
      return null;
    }
    try {
      return context.expressions().compile(source.toString());
    } catch (ExpressionException e) {
      problems.add(Problem.at(field, source.toString(), e.getMessage()));
      return null;
    }
  }
}
