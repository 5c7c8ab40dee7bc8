package dev.sluice.connectors.http;

import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.SourceConnectorProvider;
import dev.sluice.api.record.Record;
import dev.sluice.testkit.conformance.InvalidConfig;
import dev.sluice.testkit.conformance.SourceConformance;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;

/**
 * The http_server input on a real ingest port, fed by a client that behaves like a real one: it
 * sends each batch as one request with an Idempotency-Key, in the background, and sends it again
 * after a 503 or a refused connection until it gets 202. So records appended before the source
 * starts arrive once it listens, and records not acknowledged before a restart are sent again.
 */
class HttpServerConformanceIT extends SourceConformance {

  private static final String TOKEN = "conformance-token-0123456789";

  private final int port = HttpOutputConformanceIT.closedPort();
  private final Map<String, String> settings =
      new HashMap<>(Map.of(ComponentContext.INGEST_PORT, Integer.toString(port)));
  private final IngestClient client = new IngestClient(port, TOKEN);
  private ServerSocket occupant;

  @AfterEach
  void stopClient() throws IOException {
    client.close();
    if (occupant != null) {
      occupant.close();
    }
  }

  @Override
  protected SourceConnectorProvider provider() {
    return new HttpServerInputProvider();
  }

  @Override
  protected Map<String, String> workerSettings() {
    return settings;
  }

  @Override
  protected Map<String, Object> config() {
    return Map.of("token", TOKEN);
  }

  @Override
  protected void append(long firstId, int count) {
    String body = LongStream.range(firstId, firstId + count).mapToObj(id -> "{\"id\":" + id + "}")
        .collect(Collectors.joining(",", "[", "]"));
    client.deliver(client.request("/ingest/conformance/stream", body, "application/json",
        UUID.randomUUID().toString()));
  }

  @Override
  protected long idOf(Record record) {
    return ((Number) ((Map<?, ?>) record.value()).get("id")).longValue();
  }

  @Override
  protected InvalidConfig invalidConfig() {
    return new InvalidConfig(Map.of("token", TOKEN, "maxBodyBytes", 0, "rateLimit", "fast",
        "queueBytes", 10), List.of("maxBodyBytes", "rateLimit", "queueBytes"));
  }

  /** The ingest port is held by another process. */
  @Override
  protected Map<String, Object> unreachableConfig() {
    try {
      occupant = new ServerSocket();
      occupant.bind(new InetSocketAddress(port));
    } catch (IOException e) {
      throw new IllegalStateException("could not occupy port " + port, e);
    }
    return config();
  }

  /** The worker was started without an ingest port. */
  @Override
  protected Map<String, Object> refusedConfig() {
    settings.remove(ComponentContext.INGEST_PORT);
    return config();
  }
}
