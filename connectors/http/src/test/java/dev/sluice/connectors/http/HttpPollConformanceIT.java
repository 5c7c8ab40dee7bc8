package dev.sluice.connectors.http;

import dev.sluice.api.component.SourceConnectorProvider;
import dev.sluice.api.record.Record;
import dev.sluice.testkit.conformance.InvalidConfig;
import dev.sluice.testkit.conformance.SourceConformance;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The http_poll input against a real paged API on localhost, four records a page. */
class HttpPollConformanceIT extends SourceConformance {

  private final PagedApi api;

  HttpPollConformanceIT() throws IOException {
    api = new PagedApi(4);
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  @Override
  protected SourceConnectorProvider provider() {
    return new HttpPollInputProvider();
  }

  @Override
  protected Map<String, Object> config() {
    return config(api.url("/items").toString());
  }

  private static Map<String, Object> config(String url) {
    return Map.of("url", url, "records", "items", "cursor", "next", "interval", "100ms",
        "allowPrivateNetworks", true);
  }

  @Override
  protected void append(long firstId, int count) {
    for (long id = firstId; id < firstId + count; id++) {
      api.append(id);
    }
  }

  @Override
  protected long idOf(Record record) {
    return ((Number) ((Map<?, ?>) record.value()).get("id")).longValue();
  }

  @Override
  protected InvalidConfig invalidConfig() {
    return new InvalidConfig(Map.of(
        "url", "http://10.0.0.8/items",
        "headers", Map.of("Host", "example.com"),
        "body", "{}",
        "interval", "10ms"),
        List.of("url", "headers.Host", "body", "interval"));
  }

  @Override
  protected Map<String, Object> unreachableConfig() {
    return config("http://127.0.0.1:" + HttpOutputConformanceIT.closedPort() + "/items");
  }

  /** A path the API does not have: 404, which no retry mends. */
  @Override
  protected Map<String, Object> refusedConfig() {
    return config(api.url("/no-such-list").toString());
  }
}
