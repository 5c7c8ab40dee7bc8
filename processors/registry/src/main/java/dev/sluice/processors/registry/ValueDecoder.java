package dev.sluice.processors.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.apicurio.registry.serde.jsonschema.JsonSchemaKafkaDeserializer;
import io.apicurio.registry.serde.protobuf.ProtobufKafkaDeserializer;
import java.util.Map;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads registry-framed bytes of one format with Apicurio's deserializer for it and gives the
 * JSON-like value: Avro through {@link AvroToJson}, JSON Schema as the JSON read (validated
 * against its schema by the deserializer), Protobuf through {@link ProtobufJson}. Registry
 * failures surface as the serde's runtime exceptions. Used by one thread.
 */
final class ValueDecoder implements AutoCloseable {

  private final RegistryFormat format;
  private final Deserializer<?> deserializer;

  ValueDecoder(RegistryFormat format, RegistryConnection registry) {
    this.format = format;
    Map<String, Object> properties = registry.serdeProperties();
    deserializer = switch (format) {
      case AVRO -> new AvroKafkaDeserializer<>();
      case JSON -> {
        properties.put(SerdeConfig.VALIDATION_ENABLED, true);
        yield new JsonSchemaKafkaDeserializer<JsonNode>();
      }
      case PROTOBUF -> new ProtobufKafkaDeserializer<>();
    };
    deserializer.configure(properties, false);
  }

  /** The JSON-like value written in {@code bytes}, whose schema id is in them or in headers. */
  Object decode(String topic, Headers headers, byte[] bytes)
      throws InvalidProtocolBufferException {
    Object datum = deserializer.deserialize(topic, headers, bytes);
    return switch (format) {
      case AVRO -> AvroToJson.convert(datum instanceof GenericContainer container
          ? container.getSchema() : GenericData.get().induce(datum), datum);
      case JSON -> JsonValues.value((JsonNode) datum);
      case PROTOBUF -> ProtobufJson.value((Message) datum);
    };
  }

  @Override
  public void close() {
    deserializer.close();
  }
}
