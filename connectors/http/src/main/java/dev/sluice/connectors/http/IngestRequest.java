package dev.sluice.connectors.http;

import com.sun.net.httpserver.HttpExchange;
import java.util.List;

/**
 * A parsed request to {@code http_server}, waiting to be queued.
 *
 * @param exchange where the answer goes, once every record is durable
 * @param values the records still to be written, in order
 * @param idempotencyKey the client's {@code Idempotency-Key}, or null
 * @param skipped how many records at the front of the request were already durable before (a
 *     retry of a request that was cut short), and are left out of {@code values}
 * @param bodyBytes the size of the request body, which the queue's capacity counts
 * @param receivedAt when the request arrived, the records' timestamp (epoch millis)
 */
record IngestRequest(
    HttpExchange exchange,
    List<Object> values,
    String idempotencyKey,
    int skipped,
    long bodyBytes,
    long receivedAt) {

  /** How many records the client sent. */
  int records() {
    return skipped + values.size();
  }
}
