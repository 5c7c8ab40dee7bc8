package dev.sluice.bench.expression;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event every expression benchmark reads: about 200 bytes of JSON, as a shop would send, and
 * the two forms the libraries take it in. A Sluice record holds the {@link #asMap()} form.
 */
final class SampleEvent {

  static final String JSON = "{\"id\":184467,\"type\":\"purchase\",\"user\":\"u-1842\","
      + "\"first\":\"Ada\",\"last\":\"Lovelace\",\"amount\":129.95,\"quantity\":3,"
      + "\"currency\":\"EUR\",\"country\":\"DE\",\"page\":\"/checkout/confirm\","
      + "\"session\":\"s-77f3a2\",\"ts\":1764064800000}";

  static final byte[] BYTES = JSON.getBytes(StandardCharsets.UTF_8);

  static final ObjectMapper MAPPER = new ObjectMapper();

  private SampleEvent() {}

  /** The event as Jackson decodes it into Java values: what Sluice's records hold. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap() {
    try {
      return MAPPER.readValue(JSON, Map.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The event as CEL takes it: CEL's integers are {@link Long}s only, and it finds no function for
   * the {@link Integer}s Jackson decodes small numbers into.
   */
  static Map<String, Object> asCelMap() {
    return widenIntegers(asMap());
  }

  /** A copy of {@code map} with every {@link Integer} value turned into a {@link Long}. */
  static Map<String, Object> widenIntegers(Map<String, Object> map) {
    Map<String, Object> widened = new LinkedHashMap<>(map);
    widened.replaceAll((k, v) -> v instanceof Integer i ? (Object) i.longValue() : v);
    return widened;
  }

  /** The event as a Jackson tree, the input of JSLT and jackson-jq. */
  static JsonNode asTree() {
    try {
      return MAPPER.readTree(JSON);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
