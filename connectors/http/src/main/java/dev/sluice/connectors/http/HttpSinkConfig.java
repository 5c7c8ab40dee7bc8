package dev.sluice.connectors.http;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.error.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code http} output's configuration, parsed once at start.
 *
 * @param url where records are sent
 * @param method POST or PUT
 * @param headers request headers
 * @param format how a request body holds its records
 * @param batchCount the most records in one request
 * @param batchBytes the largest request body, unless one record is larger
 * @param batchPeriod how long to wait for a batch to fill
 * @param timeout how long connecting and each response may take
 * @param retryMax retries of a request within one write
 * @param retryBackoff the wait before the first retry, doubling
 * @param retryMaxBackoff the longest wait between retries
 * @param guard the SSRF guard of the config
 */
record HttpSinkConfig(
    URI url,
    String method,
    Map<String, String> headers,
    RequestBodies.Format format,
    int batchCount,
    long batchBytes,
    Duration batchPeriod,
    Duration timeout,
    int retryMax,
    Duration retryBackoff,
    Duration retryMaxBackoff,
    SsrfGuard guard) {

  /**
   * Reads the config of {@code context}.
   *
   * @throws ConfigException with every field that cannot work
   */
  static HttpSinkConfig from(ComponentContext context) throws ConfigException {
    List<Problem> problems = check(context.config());
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    ConfigValues values = new ConfigValues(context.config(), HttpOutputProvider.SPEC);
    ConfigValues batch = values.nested("batch");
    ConfigValues retry = values.nested("retry");
    return new HttpSinkConfig(URI.create(values.string("url")), values.string("method"),
        values.strings(OutboundHeaders.FIELD), RequestBodies.Format.of(values.string("format")),
        (int) batch.integer("count"), batch.integer("bytes"), batch.duration("period"),
        values.duration("timeout"), (int) retry.integer("max"), retry.duration("backoff"),
        retry.duration("maxBackoff"), SsrfGuard.from(values));
  }

  /** The rules the spec cannot say: the SSRF guard, headers, a timeout, backoffs in order. */
  static List<Problem> check(Map<String, Object> config) {
    ConfigValues values = new ConfigValues(config, HttpOutputProvider.SPEC);
    List<Problem> problems = new ArrayList<>(
        SsrfGuard.from(values).check("url", values.value("url")));
    problems.addAll(OutboundHeaders.check(config));
    if (values.duration("timeout").isZero()) {
      problems.add(Problem.at("timeout", values.string("timeout"), "a request needs time to be "
          + "answered; set timeout: 10s, say"));
    }
    ConfigValues retry = values.nested("retry");
    if (retry.duration("backoff").compareTo(retry.duration("maxBackoff")) > 0) {
      problems.add(Problem.at("retry.backoff", retry.string("backoff"), "the first wait is "
          + "longer than retry.maxBackoff (" + retry.string("maxBackoff") + "); shorten it or "
          + "raise maxBackoff"));
    }
    return problems;
  }
}
