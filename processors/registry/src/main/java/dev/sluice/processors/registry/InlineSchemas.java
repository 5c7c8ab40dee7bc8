package dev.sluice.processors.registry;

import com.networknt.schema.JsonSchema;
import com.squareup.wire.schema.internal.parser.ProtoParser;
import io.apicurio.registry.resolver.ParsedSchema;
import io.apicurio.registry.resolver.ParsedSchemaImpl;
import io.apicurio.registry.serde.jsonschema.JsonSchemaParser;
import io.apicurio.registry.serde.protobuf.ProtobufSchemaParser;
import io.apicurio.registry.utils.protobuf.schema.FileDescriptorUtils;
import io.apicurio.registry.utils.protobuf.schema.ProtobufSchema;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The inline {@code schema} of {@code schema_registry_encode}, read with the parser of the
 * format's own serde, and what is wrong with it when it does not read.
 */
final class InlineSchemas {

  private static final String AVRO_EXAMPLE = "{\"type\": \"record\", \"name\": \"Order\", "
      + "\"fields\": [{\"name\": \"id\", \"type\": \"string\"}]}";
  private static final String JSON_EXAMPLE = "{\"type\": \"object\", \"properties\": "
      + "{\"id\": {\"type\": \"string\"}}}";
  private static final String PROTOBUF_EXAMPLE = "syntax = \"proto3\"; message Order "
      + "{ string id = 1; }";

  private InlineSchemas() {}

  /** An Avro schema. */
  static Schema avro(String text) {
    return new Schema.Parser().parse(text);
  }

  /** A JSON Schema, as Apicurio's JSON Schema serde reads it (draft 7 unless it says). */
  static ParsedSchema<JsonSchema> json(String text) {
    // Jackson first: the validator's factory says little about text that is not JSON at all.
    JsonValues.parse(text);
    byte[] raw = text.getBytes(StandardCharsets.UTF_8);
    return new ParsedSchemaImpl<JsonSchema>()
        .setParsedSchema(new JsonSchemaParser<>().parseSchema(raw, Map.of()))
        .setRawSchema(raw);
  }

  /** A .proto file without imports of other artifacts, as Apicurio's Protobuf serde reads it. */
  static ProtobufSchema protobuf(String text) {
    // Wire's parser first: its syntax errors name the line and column.
    ProtoParser.Companion.parse(FileDescriptorUtils.DEFAULT_LOCATION, text);
    return new ProtobufSchemaParser<>().parseSchema(text.getBytes(StandardCharsets.UTF_8),
        Map.of());
  }

  /** What is wrong with {@code text} as a schema of {@code format}, with what to write instead. */
  static Optional<String> problem(RegistryFormat format, String text) {
    try {
      switch (format) {
        case AVRO -> avro(text);
        case JSON -> json(text);
        case PROTOBUF -> protobuf(text);
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      // Each parser has its own exceptions (Avro's SchemaParseException, Jackson's wrapped
      // parse error, Wire's IllegalStateException...); all mean the text is not a schema.
      return Optional.of(notA(format, e));
    }
  }

  private static String notA(RegistryFormat format, RuntimeException e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getMessage() == null) {
      cause = cause.getCause();
    }
    return "not " + switch (format) {
      case AVRO -> "an Avro schema: " + cause.getMessage() + "; write the schema as Avro's JSON, "
          + "such as " + AVRO_EXAMPLE;
      case JSON -> "a JSON Schema: " + cause.getMessage() + "; write the schema as JSON, such as "
          + JSON_EXAMPLE;
      case PROTOBUF -> "a Protobuf schema: " + cause.getMessage() + "; write the text of a "
          + ".proto file, such as " + PROTOBUF_EXAMPLE;
    };
  }
}
