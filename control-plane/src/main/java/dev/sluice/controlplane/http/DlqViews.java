package dev.sluice.controlplane.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.sluice.api.record.DeadLetterHeaders;
import dev.sluice.controlplane.dlq.DeadLetter;
import dev.sluice.controlplane.dlq.PartitionRange;
import dev.sluice.controlplane.dlq.Replay;
import dev.sluice.controlplane.dlq.ReplayOutcome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dead letters and replays as JSON bodies. Keys, values and header values are bytes; each is shown
 * as JSON when it parses as JSON, else as text when it is UTF-8, else as base64, with its
 * encoding ({@code json}, {@code text}, {@code base64}) named next to it.
 */
final class DlqViews {

  private static final ObjectReader STRICT_JSON = Json.MAPPER.reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private DlqViews() {}

  static Map<String, Object> range(PartitionRange r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("partition", r.partition());
    m.put("start", r.start());
    m.put("end", r.end());
    return m;
  }

  /** One dead letter with its failure, its source, its own headers and its replay, if any. */
  static Map<String, Object> deadLetter(DeadLetter l, Replay replay) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("position", l.position().toString());
    m.put("partition", l.position().partition());
    m.put("offset", l.position().offset());
    m.put("timestamp", l.timestamp().toString());
    bytes(m, "key", l.key());
    bytes(m, "value", l.value());
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("stage", l.header(DeadLetterHeaders.STAGE).orElse(null));
    error.put("class", l.header(DeadLetterHeaders.ERROR_CLASS).orElse(null));
    error.put("message", l.header(DeadLetterHeaders.ERROR_MESSAGE).orElse(null));
    error.put("time", l.header(DeadLetterHeaders.ERROR_TIME).orElse(null));
    m.put("error", error);
    m.put("source", l.source().map(s -> {
      Map<String, Object> source = new LinkedHashMap<>();
      source.put("topic", s.topic());
      source.put("partition", s.partition());
      source.put("offset", s.offset() < 0 ? null : s.offset());
      return source;
    }).orElse(null));
    m.put("headers", l.headers().stream()
        .filter(h -> !DeadLetterHeaders.FAILURE.contains(h.name()))
        .map(h -> header(h.name(), h.value())).toList());
    m.put("replayed", replay == null ? null : replay(replay));
    return m;
  }

  static Map<String, Object> replay(Replay r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("position", r.from().toString());
    m.put("topic", r.topic());
    m.put("partition", r.partition());
    m.put("offset", r.offset());
    m.put("by", r.by());
    m.put("at", r.at().toString());
    return m;
  }

  static Map<String, Object> skipped(ReplayOutcome.Skipped s) {
    return Map.of("position", s.position().toString(), "reason", s.reason());
  }

  /** One header: its name, and its value as {@link #bytes} shows it. */
  static Map<String, Object> header(String name, byte[] value) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("name", name);
    bytes(header, "value", value);
    return header;
  }

  /** Puts {@code bytes} at {@code field} and how it is shown at {@code fieldEncoding}. */
  static void bytes(Map<String, Object> m, String field, byte[] bytes) {
    String encoding;
    Object shown;
    if (bytes == null) {
      encoding = null;
      shown = null;
    } else if (json(bytes) instanceof JsonNode node) {
      encoding = "json";
      shown = node;
    } else if (utf8(bytes) instanceof String text) {
      encoding = "text";
      shown = text;
    } else {
      encoding = "base64";
      shown = Base64.getEncoder().encodeToString(bytes);
    }
    m.put(field, shown);
    m.put(field + "Encoding", encoding);
  }

  private static JsonNode json(byte[] bytes) {
    try {
      JsonNode node = STRICT_JSON.readTree(bytes);
      return node == null || node.isMissingNode() ? null : node;
    } catch (IOException e) {
      return null;
    }
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
