package dev.sluice.processors.registry;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Builds the Avro datum that a schema describes from a JSON-like value (maps, lists, strings,
 * numbers, booleans, null), refusing anything that does not fit with the place and the reason.
 *
 * <p>Strict on purpose: a key the record schema does not name, a string where the schema wants a
 * number, or a fraction where it wants an int is a mismatch, not something silently dropped or
 * rounded. Missing fields take the schema's default when it has one, or null when
 * the field's type allows it. Unions take the first branch
 * the value fits. {@code bytes} and {@code fixed} take base64 text (or raw bytes); a {@code
 * decimal} takes a number or numeric text, rescaled only when no digit is lost. Stateless and
 * thread-safe.
 */
final class JsonToAvro {

  private static final int MAX_SHOWN = 60;
  private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

  private JsonToAvro() {}

  /**
   * The datum for {@code value} under {@code schema}.
   *
   * @throws SchemaMismatch naming the first place where the value does not fit
   */
  static Object convert(Schema schema, Object value) throws SchemaMismatch {
    return convert(schema, value, "");
  }

  private static Object convert(Schema schema, Object value, String path) throws SchemaMismatch {
    return switch (schema.getType()) {
      case RECORD -> record(schema, value, path);
      case ARRAY -> {
        if (!(value instanceof List<?> list)) {
          throw mismatch(path, value, "an array of " + describe(schema.getElementType()));
        }
        List<Object> items = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
          items.add(convert(schema.getElementType(), list.get(i), path + "[" + i + "]"));
        }
        yield new GenericData.Array<>(schema, items);
      }
      case MAP -> {
        if (!(value instanceof Map<?, ?> map)) {
          throw mismatch(path, value, "a map of " + describe(schema.getValueType()));
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          String key = String.valueOf(e.getKey());
          entries.put(key, convert(schema.getValueType(), e.getValue(), child(path, key)));
        }
        yield entries;
      }
      case UNION -> union(schema, value, path);
      case ENUM -> {
        if (value instanceof String s && schema.hasEnumSymbol(s)) {
          yield new GenericData.EnumSymbol(schema, s);
        }
        throw mismatch(path, value, "one of " + schema.getEnumSymbols());
      }
      case FIXED -> {
        byte[] bytes = bytes(schema, value, path);
        if (bytes.length != schema.getFixedSize()) {
          throw mismatch(path, value, schema.getFixedSize() + " bytes (fixed " + schema.getFullName()
              + "), as base64 text");
        }
        yield new GenericData.Fixed(schema, bytes);
      }
      case BYTES -> ByteBuffer.wrap(bytes(schema, value, path));
      case STRING -> {
        if (value instanceof String s) {
          yield s;
        }
        throw mismatch(path, value, "a string");
      }
      case INT -> {
        long whole = whole(value, path, "an int");
        if (whole < Integer.MIN_VALUE || whole > Integer.MAX_VALUE) {
          throw mismatch(path, value, "an int (from -2147483648 to 2147483647)");
        }
        yield (int) whole;
      }
      case LONG -> whole(value, path, "a long");
      case FLOAT -> {
        if (value instanceof Number n) {
          yield n.floatValue();
        }
        throw mismatch(path, value, "a float");
      }
      case DOUBLE -> {
        if (value instanceof Number n) {
          yield n.doubleValue();
        }
        throw mismatch(path, value, "a double");
      }
      case BOOLEAN -> {
        if (value instanceof Boolean b) {
          yield b;
        }
        throw mismatch(path, value, "true or false");
      }
      case NULL -> {
        if (value == null) {
          yield null;
        }
        throw mismatch(path, value, "null");
      }
    };
  }

  private static GenericData.Record record(Schema schema, Object value, String path)
      throws SchemaMismatch {
    if (!(value instanceof Map<?, ?> map)) {
      throw mismatch(path, value, "an object (record " + schema.getFullName() + ")");
    }
    GenericData.Record record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      String fieldPath = child(path, field.name());
      if (map.containsKey(field.name())) {
        record.put(field.pos(), convert(field.schema(), map.get(field.name()), fieldPath));
      } else if (field.hasDefaultValue()) {
        Object defaultValue = GenericData.get().getDefaultValue(field);
        record.put(field.pos(), GenericData.get().deepCopy(field.schema(), defaultValue));
      } else if (field.schema().isNullable()) {
        record.put(field.pos(), convert(field.schema(), null, fieldPath));
      } else {
        throw new SchemaMismatch(fieldPath, null, describe(field.schema())
            + " and has no default");
      }
    }
    for (Object key : map.keySet()) {
      if (schema.getField(String.valueOf(key)) == null) {
        throw new SchemaMismatch(child(path, String.valueOf(key)), shown(map.get(key)),
            "no such field: record " + schema.getFullName() + " has "
                + schema.getFields().stream().map(Schema.Field::name)
                    .collect(Collectors.joining(", ")));
      }
    }
    return record;
  }

  private static Object union(Schema schema, Object value, String path) throws SchemaMismatch {
    for (Schema branch : schema.getTypes()) {
      try {
        return convert(branch, value, path);
      } catch (SchemaMismatch tryNext) {
        // the next branch may fit
      }
    }
    if (value != null) {
      // One non-null branch: its own message says more than "one of".
      List<Schema> others = schema.getTypes().stream()
          .filter(s -> s.getType() != Schema.Type.NULL).toList();
      if (others.size() == 1) {
        return convert(others.get(0), value, path);
      }
    }
    throw mismatch(path, value, describe(schema));
  }

  private static long whole(Object value, String path, String expected) throws SchemaMismatch {
    if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big && big.bitLength() < 64) {
      return big.longValue();
    }
    if (value instanceof Number n) {
      try {
        return new BigDecimal(n.toString()).longValueExact();
      } catch (ArithmeticException | NumberFormatException notWhole) {
        throw mismatch(path, value, expected + " (a whole number)");
      }
    }
    throw mismatch(path, value, expected);
  }

  private static byte[] bytes(Schema schema, Object value, String path) throws SchemaMismatch {
    if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
      return decimal(schema, decimal, value, path);
    }
    if (value instanceof byte[] raw) {
      return raw;
    }
    if (value instanceof String text) {
      try {
        return Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException notBase64) {
        throw mismatch(path, value, "bytes as base64 text");
      }
    }
    throw mismatch(path, value, "bytes as base64 text");
  }

  private static byte[] decimal(Schema schema, LogicalTypes.Decimal decimal, Object value,
      String path) throws SchemaMismatch {
    String expected = "a decimal with at most " + decimal.getPrecision() + " digits, "
        + decimal.getScale() + " after the point";
    BigDecimal number;
    try {
      number = value instanceof Number || value instanceof String
          ? new BigDecimal(value.toString()).setScale(decimal.getScale())
          : null;
    } catch (ArithmeticException | NumberFormatException e) {
      number = null;
    }
    if (number == null || number.precision() > decimal.getPrecision()) {
      throw mismatch(path, value, expected);
    }
    ByteBuffer buffer = DECIMALS.toBytes(number, schema, decimal);
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  private static SchemaMismatch mismatch(String path, Object value, String expected) {
    return new SchemaMismatch(path, shown(value), expected);
  }

  private static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** How a schema reads in a message: "an int", "a string or null", "record example.Line". */
  static String describe(Schema schema) {
    return switch (schema.getType()) {
      case RECORD -> "an object (record " + schema.getFullName() + ")";
      case UNION -> schema.getTypes().stream().map(JsonToAvro::describe)
          .collect(Collectors.joining(" or "));
      case ARRAY -> "an array of " + describe(schema.getElementType());
      case MAP -> "a map of " + describe(schema.getValueType());
      case ENUM -> "one of " + schema.getEnumSymbols();
      case NULL -> "null";
      case BOOLEAN -> "true or false";
      case INT -> "an int";
      case FIXED -> schema.getFixedSize() + " bytes as base64 text";
      case BYTES -> schema.getLogicalType() instanceof LogicalTypes.Decimal
          ? "a decimal" : "bytes as base64 text";
      default -> "a " + schema.getType().getName();
    };
  }

  /** The value as a message shows it: its JSON-ish text, shortened, and what kind it is. */
  static String shown(Object value) {
    String kind;
    String text;
    if (value == null) {
      return "null";
    } else if (value instanceof String s) {
      kind = "a string";
      text = "\"" + s + "\"";
    } else if (value instanceof Boolean b) {
      kind = "a boolean";
      text = b.toString();
    } else if (value instanceof Number n) {
      kind = "a number";
      text = n.toString();
    } else if (value instanceof Map<?, ?>) {
      kind = "an object";
      text = value.toString();
    } else if (value instanceof List<?>) {
      kind = "an array";
      text = value.toString();
    } else if (value instanceof byte[] b) {
      kind = "bytes";
      text = b.length + " bytes";
    } else {
      kind = value.getClass().getSimpleName();
      text = value.toString();
    }
    if (text.length() > MAX_SHOWN) {
      text = text.substring(0, MAX_SHOWN - 3) + "...";
    }
    return text + " (" + kind + ")";
  }
}
