package dev.sluice.connectors.postgrescdc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.component.SourceRecord;
import dev.sluice.api.record.Record;
import io.debezium.data.Json;
import io.debezium.data.VariableScaleDecimal;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Turns Debezium's change records into Sluice records of plain JDK values.
 *
 * <p>The value is {@code {op, before, after, source: {lsn, txId, ts, schema, table}}}, the key
 * the primary key columns as a map, the timestamp the change's commit time ({@code source.ts}, ms
 * since the epoch), the position Debezium's source offset. Column values: integers are {@link
 * Long}, floating point {@link Double}, {@code numeric}/{@code decimal}/{@code money} exact {@link
 * BigDecimal} (a JSON number with every digit; Debezium gives {@code NaN} and infinities as null),
 * {@code json}/{@code jsonb}/{@code hstore} parsed into maps and lists, arrays lists, {@code bytea}
 * base64 text, dates, times and timestamps ISO-8601 text (see {@link TemporalValues}) and
 * intervals ISO-8601 durations (Debezium's {@code string} mode, set by {@link
 * DebeziumProperties}). Records that are not row changes (heartbeats) have no Sluice record.
 *
 * <p>Thread-safe: called on Debezium's polling thread.
 */
final class ChangeEventConverter {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

  /** The Sluice record for {@code change}, or {@code null} when it is not a row change. */
  SourceRecord convert(org.apache.kafka.connect.source.SourceRecord change) {
    if (!(change.value() instanceof Struct envelope) || envelope.schema().field("op") == null) {
      return null;
    }
    Struct source = envelope.getStruct("source");
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("op", envelope.getString("op"));
    value.put("before", plain(envelope.get("before"), envelope.schema().field("before").schema()));
    value.put("after", plain(envelope.get("after"), envelope.schema().field("after").schema()));
    value.put("source", source(source));
    Object key = plain(change.key(), change.keySchema());
    Object ts = source.get("ts_ms");
    long timestamp = ts instanceof Long millis ? millis : System.currentTimeMillis();
    return new SourceRecord(new Record(key, value, Map.of(), timestamp), position(change));
  }

  /** Debezium's offset of {@code change}, without empty entries: where to resume after it. */
  static Map<String, Object> position(org.apache.kafka.connect.source.SourceRecord change) {
    Map<String, Object> position = new LinkedHashMap<>();
    change.sourceOffset().forEach((k, v) -> {
      if (v != null) {
        position.put(k, v);
      }
    });
    return position;
  }

  private static Map<String, Object> source(Struct source) {
    Map<String, Object> plain = new LinkedHashMap<>();
    plain.put("lsn", source.get("lsn"));
    plain.put("txId", source.get("txId"));
    plain.put("ts", source.get("ts_ms"));
    plain.put("schema", source.get("schema"));
    plain.put("table", source.get("table"));
    return plain;
  }

  /** {@code value} of Connect type {@code schema} as a plain JDK value. */
  static Object plain(Object value, Schema schema) {
    if (value == null) {
      return null;
    }
    String logical = schema == null ? null : schema.name();
    if (Json.LOGICAL_NAME.equals(logical) && value instanceof String text) {
      return parseJson(text);
    }
    Optional<Object> temporal = TemporalValues.iso(logical, value);
    if (temporal.isPresent()) {
      return temporal.get();
    }
    if (VariableScaleDecimal.LOGICAL_NAME.equals(logical) && value instanceof Struct decimal) {
      return VariableScaleDecimal.toLogical(decimal).getDecimalValue().orElse(null);
    }
    return switch (value) {
      case Struct struct -> struct(struct);
      case List<?> list -> list(list, schema == null ? null : schema.valueSchema());
      case Map<?, ?> map -> map(map, schema == null ? null : schema.valueSchema());
      case Byte b -> b.longValue();
      case Short s -> s.longValue();
      case Integer i -> i.longValue();
      case Float f -> Double.parseDouble(Float.toString(f)); // 1.1f stays 1.1, not 1.100000023...
      case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
      case ByteBuffer buffer -> Base64.getEncoder().encodeToString(bytes(buffer));
      case Date date -> date.toInstant().toString();
      case Long l -> l;
      case Double d -> d;
      case BigDecimal d -> d;
      case Boolean b -> b;
      case String s -> s;
      default -> value.toString();
    };
  }

  private static Map<String, Object> struct(Struct struct) {
    Map<String, Object> plain = new LinkedHashMap<>();
    for (Field field : struct.schema().fields()) {
      plain.put(field.name(), plain(struct.get(field), field.schema()));
    }
    return plain;
  }

  private static List<Object> list(List<?> list, Schema items) {
    List<Object> plain = new ArrayList<>(list.size());
    for (Object item : list) {
      plain.add(plain(item, items));
    }
    return plain;
  }

  private static Map<String, Object> map(Map<?, ?> map, Schema values) {
    Map<String, Object> plain = new LinkedHashMap<>();
    map.forEach((k, v) -> plain.put(String.valueOf(k), plain(v, values)));
    return plain;
  }

  /** A JSON column's value; text that does not parse (Debezium's placeholder) stays text. */
  private static Object parseJson(String text) {
    try {
      return JSON.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      return text;
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
