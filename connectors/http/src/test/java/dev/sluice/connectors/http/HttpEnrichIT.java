package dev.sluice.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.record.Record;
import dev.sluice.testkit.conformance.ConformanceContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code http} processor against a real HTTP server on loopback. */
class HttpEnrichIT {

  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private HttpEnrichProcessor processor;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(exchange.getRequestMethod() + " " + path + (body.isEmpty() ? "" : " " + body));
      int status = switch (path) {
        case "/users/7", "/score" -> 200;
        case "/users/500" -> 503;
        case "/users/400" -> 400;
        default -> 404;
      };
      byte[] answer = (path.equals("/score") ? "{\"score\": 0.9}" : status == 200 ? "{\"name\": \"Ada\"}" : "nope")
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    if (processor != null) {
      processor.close();
    }
    server.stop(0);
  }

  private void start(Map<String, Object> settings) throws ConfigException {
    Map<String, Object> config = new HashMap<>(Map.of(
        "url", "\"http://127.0.0.1:" + server.getAddress().getPort() + "/users/\" & $string(user)",
        "into", "profile", "allowPrivateNetworks", true));
    config.putAll(settings);
    processor = new HttpEnrichProcessor();
    processor.start(new ConformanceContext("test/http", config, Optional.empty(), Map.of()));
  }

  private Object enrich(int user) throws ComponentException {
    List<Record> out = processor.process(Record.of(Map.of("user", user), 0));
    return out.isEmpty() ? "dropped" : ((Map<?, ?>) out.get(0).value()).get("profile");
  }

  @Test
  void putsTheAnswerIntoTheFieldAndReusesCachedAnswers() throws Exception {
    start(Map.of("cacheFor", "1m"));

    assertThat(enrich(7)).isEqualTo(Map.of("name", "Ada"));
    assertThat(enrich(7)).isEqualTo(Map.of("name", "Ada"));
    assertThat(enrich(8)).isNull();
    assertThat(enrich(8)).isNull();

    assertThat(requests).containsExactly("GET /users/7", "GET /users/8");
  }

  @Test
  void withoutACacheEveryRecordCallsAndNotFoundCanDrop() throws Exception {
    start(Map.of("notFound", "drop"));

    assertThat(enrich(7)).isEqualTo(Map.of("name", "Ada"));
    assertThat(enrich(7)).isEqualTo(Map.of("name", "Ada"));
    assertThat(enrich(8)).isEqualTo("dropped");
    assertThat(requests).hasSize(3);
  }

  @Test
  void serverErrorsAreRetriableAndClientErrorsPermanent() throws Exception {
    start(Map.of());

    assertThatThrownBy(() -> enrich(500)).isInstanceOf(RetriableException.class).hasMessageContaining("503");
    assertThatThrownBy(() -> enrich(400)).isInstanceOf(PermanentException.class)
        .hasMessageContaining("/users/400 answered 400 (nope)");
  }

  @Test
  void postSendsTheBodyExpressionAsJson() throws Exception {
    start(Map.of("url", "\"http://127.0.0.1:" + server.getAddress().getPort() + "/score\"", "method", "POST",
        "body", "{\"id\": user}", "into", "risk"));

    List<Record> out = processor.process(Record.of(Map.of("user", 7), 0));

    assertThat(((Map<?, ?>) out.get(0).value()).get("risk")).isEqualTo(Map.of("score", 0.9));
    assertThat(requests).containsExactly("POST /score {\"id\":7}");
  }

  @Test
  void theSsrfGuardRefusesLoopbackUnlessAllowed() throws Exception {
    start(Map.of("allowPrivateNetworks", false));

    assertThatThrownBy(() -> enrich(7)).isInstanceOf(ConfigException.class).hasMessageContaining("127.0.0.1");
    assertThat(requests).isEmpty();
  }
}
