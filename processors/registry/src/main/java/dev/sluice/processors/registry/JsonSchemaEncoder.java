package dev.sluice.processors.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import dev.sluice.api.error.PermanentException;
import io.apicurio.registry.resolver.ParsedSchema;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.apicurio.registry.serde.data.SerdeMetadata;
import io.apicurio.registry.serde.data.SerdeRecord;
import io.apicurio.registry.serde.jsonschema.JsonSchemaKafkaSerializer;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Headers;

/**
 * JSON Schema through Apicurio's {@link JsonSchemaKafkaSerializer}: each value is checked against
 * the schema with the validator the serde brings (json-schema-validator), then written as JSON
 * text. The check is done here rather than in the serializer so that a record that does not fit
 * gets every violation, each with its place, instead of the serializer's exception.
 */
final class JsonSchemaEncoder implements ValueEncoder {

  private final EncodeConfig config;
  private final String topic;
  private final ParsedSchema<JsonSchema> inline;
  private final JsonSchemaKafkaSerializer<Object> serializer;

  JsonSchemaEncoder(EncodeConfig config, String topic) {
    this.config = config;
    this.topic = topic;
    this.inline = config.schema() == null ? null : InlineSchemas.json(config.schema());
    this.serializer = inline == null ? new JsonSchemaKafkaSerializer<>()
        : new JsonSchemaKafkaSerializer<>(new InlineSchemaResolver<>(inline));
    Map<String, Object> properties = config.serdeProperties();
    properties.put(SerdeConfig.VALIDATION_ENABLED, false);
    serializer.configure(properties, false);
  }

  @Override
  public String start() {
    if (inline != null) {
      serializer.getSchemaResolver().resolveSchema(
          new SerdeRecord<>(new SerdeMetadata(topic, false), Map.of()));
    } else {
      schema();
    }
    return config.coordinates();
  }

  @Override
  public byte[] encode(Headers headers, Object value) throws PermanentException {
    JsonNode tree = JsonValues.tree(value);
    Set<ValidationMessage> violations = schema().validate(tree);
    if (!violations.isEmpty()) {
      String problem = violations.stream().map(ValidationMessage::getMessage)
          .collect(Collectors.joining(", "));
      throw new PermanentException(new SchemaMismatch(problem)
          .describe("JSON Schema " + config.coordinates()), null);
    }
    return serializer.serialize(topic, headers, tree);
  }

  private JsonSchema schema() {
    return inline != null ? inline.getParsedSchema()
        : ValueEncoder.fromRegistry(serializer.getSchemaResolver(), config);
  }

  @Override
  public void close() {
    serializer.close();
  }
}
