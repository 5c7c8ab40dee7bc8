package dev.sluice.processors.registry;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * Turns a decoded Avro datum into the JSON-like values records carry: records and maps become
 * {@code Map<String, Object>} (record fields in schema order), arrays {@code List}, strings and
 * enum symbols {@code String}, {@code bytes} and {@code fixed} base64 text, a {@code decimal} a
 * {@link BigDecimal}; numbers and booleans stay as they are. A union's value appears as itself,
 * without a wrapper naming its branch, which is what {@link JsonToAvro} reads back. Stateless and
 * thread-safe.
 */
final class AvroToJson {

  private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

  private AvroToJson() {}

  /** The JSON-like value of {@code datum}, whose schema is {@code schema}. */
  static Object convert(Schema schema, Object datum) {
    if (datum == null) {
      return null;
    }
    if (schema.getType() == Schema.Type.UNION) {
      Schema branch = datum instanceof GenericContainer container ? container.getSchema()
          : schema.getTypes().get(GenericData.get().resolveUnion(schema, datum));
      return convert(branch, datum);
    }
    return switch (datum) {
      case GenericRecord record -> {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
          fields.put(field.name(), convert(field.schema(), record.get(field.pos())));
        }
        yield fields;
      }
      case Collection<?> items -> {
        List<Object> list = new ArrayList<>(items.size());
        for (Object item : items) {
          list.add(convert(schema.getElementType(), item));
        }
        yield list;
      }
      case Map<?, ?> map -> {
        Map<String, Object> entries = new LinkedHashMap<>();
        map.forEach((k, v) -> entries.put(k.toString(), convert(schema.getValueType(), v)));
        yield entries;
      }
      case CharSequence text -> text.toString();
      case GenericEnumSymbol<?> symbol -> symbol.toString();
      case GenericFixed fixed -> Base64.getEncoder().encodeToString(fixed.bytes());
      case ByteBuffer buffer -> schema.getLogicalType() instanceof LogicalTypes.Decimal decimal
          ? DECIMALS.fromBytes(buffer.duplicate(), schema, decimal)
          : Base64.getEncoder().encodeToString(remaining(buffer));
      default -> datum;
    };
  }

  private static byte[] remaining(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
