package dev.sluice.connectors.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * A destination for the http output in tests: a JDK server on a free loopback port that parses
 * each request's records (a JSON array, or NDJSON) and keeps them when it answers 2xx. What it
 * answers is up to the test; 200 by default. A 429 comes with Retry-After: 2.
 */
final class RecordingServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A request the server received.
   *
   * @param contentType its Content-Type
   * @param bytes the size of its body
   * @param records the values it carried
   * @param status what the server answered
   */
  record Request(String contentType, int bytes, List<Map<String, Object>> records, int status) {}

  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();
  private final List<Long> ids = new ArrayList<>();
  private volatile ToIntFunction<List<Map<String, Object>>> answer = records -> 200;

  RecordingServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/in", this::receive);
    server.start();
  }

  /** Where records are posted. */
  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/in");
  }

  /** Decides the status of each request from its records; 2xx keeps them. */
  void answer(ToIntFunction<List<Map<String, Object>>> answer) {
    this.answer = answer;
  }

  /** The ids of the records kept, in the order they arrived. */
  synchronized List<Long> ids() {
    return List.copyOf(ids);
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      List<Map<String, Object>> records = parse(body, type);
      int status = answer.applyAsInt(records);
      synchronized (this) {
        requests.add(new Request(type, body.length, records, status));
        if (status / 100 == 2) {
          records.forEach(r -> ids.add(((Number) r.get("id")).longValue()));
        }
      }
      byte[] reply = (status / 100 == 2 ? "{}" : "{\"error\":\"refused\"}")
          .getBytes(StandardCharsets.UTF_8);
      if (status == 429) {
        exchange.getResponseHeaders().set("Retry-After", "2");
      }
      exchange.sendResponseHeaders(status, reply.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply);
      }
    }
  }

  private static List<Map<String, Object>> parse(byte[] body, String type) throws IOException {
    if (IngestBody.NDJSON.equals(type)) {
      List<Map<String, Object>> records = new ArrayList<>();
      for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
        records.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() {}));
      }
      return records;
    }
    return JSON.readValue(body, new TypeReference<List<Map<String, Object>>>() {});
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
