package dev.sluice.connectors.http;

import dev.sluice.api.component.SinkConnectorProvider;
import dev.sluice.api.record.Record;
import dev.sluice.testkit.conformance.InvalidConfig;
import dev.sluice.testkit.conformance.SinkConformance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/**
 * The http output against a real HTTP server on localhost that keeps what it is sent and refuses
 * (400) any request that holds a record named "refuse me".
 */
class HttpOutputConformanceIT extends SinkConformance {

  private final RecordingServer server;

  HttpOutputConformanceIT() throws IOException {
    server = new RecordingServer();
    server.answer(records -> records.stream().anyMatch(r -> "refuse me".equals(r.get("name")))
        ? 400 : 200);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Override
  protected SinkConnectorProvider provider() {
    return new HttpOutputProvider();
  }

  @Override
  protected Map<String, Object> config() {
    return Map.of("url", server.url().toString(), "allowPrivateNetworks", true);
  }

  @Override
  protected List<Long> delivered() {
    return server.ids();
  }

  @Override
  protected boolean idempotent() {
    return false;
  }

  @Override
  protected InvalidConfig invalidConfig() {
    return new InvalidConfig(Map.of(
        "url", "http://169.254.169.254/latest/meta-data/",
        "headers", Map.of("Content-Length", "5"),
        "timeout", "0s"),
        List.of("url", "headers.Content-Length", "timeout"));
  }

  @Override
  protected Map<String, Object> unreachableConfig() {
    return Map.of("url", "http://127.0.0.1:" + closedPort() + "/in", "allowPrivateNetworks", true,
        "retry", Map.of("max", 1L, "backoff", "10ms"));
  }

  @Override
  protected Optional<Record> refusedRecord() {
    return Optional.of(new Record("k2", Map.of("id", 2L, "name", "refuse me"), Map.of(), 0L));
  }

  /** A port nothing listens on. */
  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
