package dev.sluice.connectors.dev;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigType;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.record.Record;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the file and stdout outputs write for each record: its value alone, or the whole record
 * ({@code key}, {@code value}, {@code headers}, {@code timestamp}), as one JSON line.
 */
enum LineFormat {
  /** The value as a JSON document. */
  VALUE,
  /**
   * {@code {"key": ..., "value": ..., "headers": {...}, "timestamp": ...}}; header values are
   * text when they are UTF-8, otherwise {@code {"base64": "..."}}.
   */
  RECORD;

  /** The {@code format} field of both outputs. */
  static ConfigField field() {
    return ConfigField.builder("format", ConfigType.ENUM)
        .choices("value", "record")
        .defaultValue("value")
        .doc("What each line holds: the record's value as JSON, or the whole record as "
            + "{\"key\", \"value\", \"headers\", \"timestamp\"}.")
        .build();
  }

  /** The format a validated config names. */
  static LineFormat of(Object word) {
    return valueOf(((String) word).toUpperCase(Locale.ROOT));
  }

  /**
   * The record's line, ending in {@code \n}.
   *
   * @throws JsonProcessingException when the record holds a value that is not JSON-like
   */
  byte[] line(Record record) throws JsonProcessingException {
    if (this == VALUE) {
      return Ndjson.line(record.value());
    }
    Map<String, Object> headers = new LinkedHashMap<>();
    record.headers().forEach((name, bytes) -> headers.put(name, headerValue(bytes)));
    Map<String, Object> whole = new LinkedHashMap<>();
    whole.put("key", record.key());
    whole.put("value", record.value());
    whole.put("headers", headers);
    whole.put("timestamp", record.timestamp());
    return Ndjson.line(whole);
  }

  /**
   * The lines of {@code batch}, up to the first record that cannot be written.
   *
   * @param bytes every line before the refused record, or of the whole batch
   * @param refused the refusal naming the record's index, or {@code null} when all are there
   */
  record Lines(byte[] bytes, PermanentException refused) {}

  /** Encodes {@code batch}, stopping at the first record that is not JSON-like. */
  Lines lines(List<Record> batch) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < batch.size(); i++) {
      try {
        out.writeBytes(line(batch.get(i)));
      } catch (JsonProcessingException e) {
        return new Lines(out.toByteArray(), new PermanentException("record " + i
            + " of the batch cannot be written as JSON: " + e.getOriginalMessage(), e, i));
      }
    }
    return new Lines(out.toByteArray(), null);
  }

  private static Object headerValue(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException notText) {
      return Map.of("base64", Base64.getEncoder().encodeToString(bytes));
    }
  }
}
