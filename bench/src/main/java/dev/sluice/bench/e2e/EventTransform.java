package dev.sluice.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The work the hand-written pipelines (a) and (b) do per record, written as a Java developer would
 * without Sluice: decode the JSON value with Jackson, drop {@code view}s, keep user, type, amount
 * times 100 and ts, encode. The same semantics as the Sluice stream's {@code filter} and {@code
 * mapping} (see {@link SluicePipeline}). Thread-safe.
 */
final class EventTransform {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EventTransform() {}

  static JsonNode decode(byte[] value) {
    try {
      return MAPPER.readTree(value);
    } catch (IOException e) {
      throw new UncheckedIOException("input record is not JSON", e);
    }
  }

  static boolean keep(JsonNode event) {
    return !"view".equals(event.path("type").asText());
  }

  static byte[] map(JsonNode event) {
    ObjectNode out = MAPPER.createObjectNode();
    out.set("user", event.get("user"));
    out.set("type", event.get("type"));
    out.put("amount", event.path("amount").asLong() * 100);
    out.set("ts", event.get("ts"));
    try {
      return MAPPER.writeValueAsBytes(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode output record", e);
    }
  }
}
