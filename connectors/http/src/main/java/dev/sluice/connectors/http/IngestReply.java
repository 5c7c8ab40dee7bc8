package dev.sluice.connectors.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One answer of the ingest server: a status and a small JSON body, {@code {"accepted": n}} for
 * 202 and {@code {"error": "..."}} otherwise, with the headers the status calls for.
 *
 * @param status the HTTP status
 * @param body the JSON body's one field and value
 * @param headers extra response headers, such as Retry-After or WWW-Authenticate
 */
record IngestReply(int status, Map<String, Object> body, Map<String, String> headers) {

  private static final Logger log = LoggerFactory.getLogger(IngestReply.class);

  /** Every record of the request is durable. */
  static IngestReply accepted(int records) {
    return new IngestReply(202, Map.of("accepted", records), Map.of());
  }

  /** A refusal with {@code message}, which says what to do instead. */
  static IngestReply error(int status, String message) {
    return new IngestReply(status, Map.of("error", message), Map.of());
  }

  /** A refusal the client should try again after {@code wait}. */
  static IngestReply retryLater(int status, String message, Duration wait) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    return new IngestReply(status, Map.of("error", message),
        Map.of("Retry-After", Long.toString(seconds)));
  }

  /** This reply with one more header. */
  IngestReply with(String header, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(header, value);
    return new IngestReply(status, body, more);
  }

  /**
   * Sends the reply and ends the exchange. A client that went away is logged at debug level: it
   * retries, and nothing it sent was acknowledged.
   */
  void send(HttpExchange exchange) {
    try (exchange) {
      byte[] json = json();
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      headers.forEach(exchange.getResponseHeaders()::set);
      exchange.sendResponseHeaders(status, json.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(json);
      }
    } catch (IOException e) {
      log.debug("could not answer {} to {}: {}", status, exchange.getRemoteAddress(),
          e.getMessage());
    }
  }

  private byte[] json() {
    try {
      return Json.write(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
