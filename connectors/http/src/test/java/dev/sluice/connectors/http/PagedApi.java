package dev.sluice.connectors.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP API for http_poll in tests: {@code GET /items?cursor=N} answers {@code {"items": [up to
 * pageSize records from index N], "next": N + their count}}, without a cursor from index 0; any
 * other path is 404. Records can be appended while it runs.
 */
final class PagedApi implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final int pageSize;
  private final List<Map<String, Object>> records = new ArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();

  PagedApi(int pageSize) throws IOException {
    this.pageSize = pageSize;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  /** The URL of the list, or of any other path. */
  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** Appends a record {@code {"id": id}}. */
  synchronized void append(long id) {
    records.add(Map.of("id", id));
  }

  /** How many requests the API answered. */
  int requests() {
    return requests.get();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      if (!exchange.getRequestURI().getPath().equals("/items")) {
        send(exchange, 404, Map.of("error", "not found"));
        return;
      }
      String query = exchange.getRequestURI().getQuery();
      int from = query != null && query.startsWith("cursor=")
          ? Integer.parseInt(query.substring("cursor=".length())) : 0;
      Map<String, Object> page = new LinkedHashMap<>();
      synchronized (this) {
        List<Map<String, Object>> items =
            List.copyOf(records.subList(Math.min(from, records.size()),
                Math.min(from + pageSize, records.size())));
        page.put("items", items);
        page.put("next", from + items.size());
      }
      send(exchange, 200, page);
    }
  }

  private static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
