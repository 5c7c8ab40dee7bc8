package dev.sluice.processors.registry;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Protobuf messages to JSON-like values and back, by Protobuf's own JSON mapping ({@link
 * JsonFormat}): fields under their names in the .proto file (the lowerCamelCase JSON names are
 * read too), every field printed (unset ones with their default), 64-bit integers as strings,
 * enums by name, bytes as base64. Reading is strict: a field the message does not have, or a
 * value of the wrong type, is a mismatch, located to the field (JsonFormat's own message names
 * the value only). Stateless and thread-safe.
 */
final class ProtobufJson {

  private static final JsonFormat.Printer PRINTER = JsonFormat.printer()
      .preservingProtoFieldNames()
      .alwaysPrintFieldsWithNoPresence()
      .omittingInsignificantWhitespace();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();

  private ProtobufJson() {}

  /** The JSON-like value of {@code message}. */
  static Object value(MessageOrBuilder message) throws InvalidProtocolBufferException {
    return JsonValues.parse(PRINTER.print(message));
  }

  /**
   * The message of type {@code type} that {@code value} describes.
   *
   * @throws SchemaMismatch naming the first field that the type does not have, or whose value
   *     it cannot take
   */
  static DynamicMessage message(Descriptor type, Object value) throws SchemaMismatch {
    if (!(value instanceof Map<?, ?> object)) {
      throw new SchemaMismatch("", JsonToAvro.shown(value), describe(type));
    }
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    try {
      PARSER.merge(JsonValues.write(object), builder);
    } catch (InvalidProtocolBufferException e) {
      throw locate(type, object, "", e);
    }
    return builder.build();
  }

  /** Finds, one field at a time, the place in {@code object} that JsonFormat refused. */
  private static SchemaMismatch locate(Descriptor type, Map<?, ?> object, String path,
      InvalidProtocolBufferException error) {
    for (Map.Entry<?, ?> entry : object.entrySet()) {
      String name = String.valueOf(entry.getKey());
      Object value = entry.getValue();
      if (fits(type, Collections.singletonMap(name, value))) {
        continue;
      }
      String at = path.isEmpty() ? name : path + "." + name;
      FieldDescriptor field = field(type, name);
      if (field == null) {
        return new SchemaMismatch(at, JsonToAvro.shown(value), "no such field: message "
            + type.getFullName() + " has " + type.getFields().stream()
                .map(FieldDescriptor::getName).collect(Collectors.joining(", ")));
      }
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isMapField()) {
        Descriptor inner = field.getMessageType();
        if (!field.isRepeated() && value instanceof Map<?, ?> nested) {
          return locate(inner, nested, at, error);
        }
        if (field.isRepeated() && value instanceof List<?> items) {
          for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Map<?, ?> nested && !fits(inner, nested)) {
              return locate(inner, nested, at + "[" + i + "]", error);
            }
          }
        }
      }
      if (field.isRepeated() && value instanceof List<?> items && !field.isMapField()) {
        for (int i = 0; i < items.size(); i++) {
          if (!fits(type, Collections.singletonMap(name, List.of(items.get(i))))) {
            return new SchemaMismatch(at + "[" + i + "]", JsonToAvro.shown(items.get(i)),
                one(field));
          }
        }
      }
      return new SchemaMismatch(at, JsonToAvro.shown(value), describe(field));
    }
    return new SchemaMismatch(error.getMessage());
  }

  private static boolean fits(Descriptor type, Map<?, ?> object) {
    try {
      PARSER.merge(JsonValues.write(object), DynamicMessage.newBuilder(type));
      return true;
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return false;
    }
  }

  private static FieldDescriptor field(Descriptor type, String name) {
    FieldDescriptor field = type.findFieldByName(name);
    return field != null ? field : type.getFields().stream()
        .filter(f -> f.getJsonName().equals(name)).findFirst().orElse(null);
  }

  private static String describe(Descriptor type) {
    return "an object (message " + type.getFullName() + ")";
  }

  /** What a field takes, as a message says it: "a string", "an array of a whole number...". */
  private static String describe(FieldDescriptor field) {
    if (field.isMapField()) {
      return "an object of " + one(field.getMessageType().findFieldByName("value"));
    }
    return field.isRepeated() ? "an array of " + one(field) : one(field);
  }

  private static String one(FieldDescriptor field) {
    return switch (field.getType()) {
      case MESSAGE, GROUP -> describe(field.getMessageType());
      case ENUM -> "one of " + field.getEnumType().getValues().stream()
          .map(EnumValueDescriptor::getName).toList();
      case STRING -> "a string";
      case BOOL -> "true or false";
      case BYTES -> "bytes as base64 text";
      case INT64, UINT64, SINT64, FIXED64, SFIXED64 -> "a whole number of type "
          + word(field) + " (a number, or one as text)";
      case INT32, UINT32, SINT32, FIXED32, SFIXED32 -> "a whole number of type " + word(field);
      case FLOAT, DOUBLE -> "a number of type " + word(field);
    };
  }

  private static String word(FieldDescriptor field) {
    return field.getType().name().toLowerCase(Locale.ROOT);
  }
}
