package dev.sluice.processors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.component.Processor;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.record.Record;
import dev.sluice.testkit.ApicurioExtension;
import dev.sluice.testkit.ApicurioRegistry;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.apicurio.registry.serde.jsonschema.JsonSchemaKafkaDeserializer;
import io.apicurio.registry.serde.jsonschema.JsonSchemaKafkaSerializer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Both processors with {@code format: json} against a real Apicurio Registry 3 server, with
 * Apicurio's own JSON Schema serdes on the other side of the wire.
 */
@ExtendWith(ApicurioExtension.class)
class JsonSchemaRegistryIT {

  private static final String ORDER_SCHEMA = """
      {"$schema": "http://json-schema.org/draft-07/schema#",
       "type": "object",
       "properties": {
         "id": {"type": "string"},
         "quantity": {"type": "integer", "minimum": 1},
         "price": {"type": "number"},
         "tags": {"type": "array", "items": {"type": "string"}},
         "customer": {"type": "object", "properties": {"name": {"type": "string"}},
                      "required": ["name"]}
       },
       "required": ["id", "quantity"],
       "additionalProperties": false}
      """;

  private final StartedProcessors processors = new StartedProcessors();

  @AfterEach
  void close() {
    processors.closeAll();
  }

  @Test
  void encodeThenDecodeGivesTheSameValuesAndApicurioReadsTheBytes(ApicurioRegistry registry)
      throws Exception {
    Processor encode = processors.start(new SchemaRegistryEncodeProvider().create(), config(registry,
        "artifact", "orders-" + UUID.randomUUID(), "schema", ORDER_SCHEMA));
    Processor decode = processors.start(new SchemaRegistryDecodeProvider().create(),
        config(registry));
    Map<String, Object> order = order("o-1", 3);

    Record encoded = encode.process(new Record("k", order, Map.of(), 7L)).get(0);
    Record decoded = decode.process(encoded).get(0);

    byte[] bytes = (byte[]) encoded.value();
    assertThat(bytes[0]).as("magic byte").isZero();
    assertThat(decoded.value()).isEqualTo(order);
    assertThat(decoded.key()).isEqualTo("k");
    assertThat(decoded.timestamp()).isEqualTo(7L);
    try (JsonSchemaKafkaDeserializer<JsonNode> apicurio = new JsonSchemaKafkaDeserializer<>()) {
      apicurio.configure(Map.of(SchemaResolverConfig.REGISTRY_URL, registry.url()), false);
      JsonNode read = apicurio.deserialize("orders", new RecordHeaders(), bytes);
      assertThat(read.get("id").asText()).isEqualTo("o-1");
      assertThat(read.get("customer").get("name").asText()).isEqualTo("Ada");
    }
  }

  @Test
  void decodesWhatApicuriosSerializerWroteAndEncodesTheSameBytesWithTheLatestSchema(
      ApicurioRegistry registry) throws Exception {
    String artifact = "payments-" + UUID.randomUUID();
    // The artifact must exist before Apicurio's JSON Schema serializer can write (it cannot
    // register a schema itself); the processor registers the inline one when it starts.
    processors.start(new SchemaRegistryEncodeProvider().create(), config(registry, "artifact", artifact,
        "schema", ORDER_SCHEMA));
    byte[] written;
    try (JsonSchemaKafkaSerializer<Object> apicurio = new JsonSchemaKafkaSerializer<>()) {
      apicurio.configure(Map.of(SchemaResolverConfig.REGISTRY_URL, registry.url(),
          SchemaResolverConfig.EXPLICIT_ARTIFACT_ID, artifact,
          SchemaResolverConfig.FIND_LATEST_ARTIFACT, true), false);
      written = apicurio.serialize("payments", new RecordHeaders(),
          new ObjectMapper().readTree("{\"id\": \"p-1\", \"quantity\": 2, \"price\": 9.75}"));
    }
    Processor decode = processors.start(new SchemaRegistryDecodeProvider().create(), config(registry));
    Processor encode = processors.start(new SchemaRegistryEncodeProvider().create(), config(registry,
        "artifact", artifact));

    Object decoded = decode.process(Record.of(written, 1L)).get(0).value();
    Record encoded = encode.process(Record.of(decoded, 1L)).get(0);

    assertThat(decoded).isEqualTo(Map.of("id", "p-1", "quantity", 2, "price", 9.75));
    assertThat((byte[]) encoded.value()).isEqualTo(written);
  }

  @Test
  void aRecordThatDoesNotFitIsPermanentAndNamesEveryViolation(ApicurioRegistry registry)
      throws Exception {
    String artifact = "orders-" + UUID.randomUUID();
    Processor encode = processors.start(new SchemaRegistryEncodeProvider().create(), config(registry,
        "artifact", artifact, "schema", ORDER_SCHEMA));
    Map<String, Object> bad = new LinkedHashMap<>(order("o-2", 0));
    bad.put("price", "cheap");
    bad.put("colour", "red");

    assertThatThrownBy(() -> encode.process(Record.of(bad, 1L)))
        .isInstanceOf(PermanentException.class)
        .hasMessageStartingWith("the record does not fit JSON Schema default/" + artifact + ": ")
        .hasMessageContaining("$.quantity")
        .hasMessageContaining("$.price")
        .hasMessageContaining("colour")
        .hasMessageEndingWith("; fix the record (for example with a mapping processor before "
            + "this one) or the schema");
    assertThatThrownBy(() -> encode.process(Record.of(List.of(1, 2), 1L)))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("array found, object expected");
    assertThat(encode.process(Record.of(order("o-3", 1), 1L))).as("still encodes good ones")
        .hasSize(1);
  }

  @Test
  void bytesThatDoNotFitTheirSchemaAreNotDecoded(ApicurioRegistry registry) throws Exception {
    String artifact = "orders-" + UUID.randomUUID();
    processors.start(new SchemaRegistryEncodeProvider().create(), config(registry, "artifact", artifact,
        "schema", ORDER_SCHEMA));
    byte[] written;
    try (JsonSchemaKafkaSerializer<Object> apicurio = new JsonSchemaKafkaSerializer<>()) {
      apicurio.configure(Map.of(SchemaResolverConfig.REGISTRY_URL, registry.url(),
          SchemaResolverConfig.EXPLICIT_ARTIFACT_ID, artifact,
          SchemaResolverConfig.FIND_LATEST_ARTIFACT, true,
          SerdeConfig.VALIDATION_ENABLED, false), false);
      written = apicurio.serialize("orders", new RecordHeaders(),
          Map.of("id", "o-4", "quantity", "lots"));
    }
    Processor decode = processors.start(new SchemaRegistryDecodeProvider().create(), config(registry));

    assertThatThrownBy(() -> decode.process(Record.of(written, 1L)))
        .isInstanceOf(PermanentException.class)
        .hasMessageStartingWith("the value is not JSON Schema written by a registry serializer "
            + "(payload id) or does not match its schema: ")
        .hasMessageContaining("$.quantity");
  }

  private static Map<String, Object> order(String id, int quantity) {
    Map<String, Object> order = new LinkedHashMap<>();
    order.put("id", id);
    order.put("quantity", quantity);
    order.put("price", 12.5);
    order.put("tags", List.of("gift", "fragile"));
    order.put("customer", Map.of("name", "Ada"));
    return order;
  }

  private static Map<String, Object> config(ApicurioRegistry registry, Object... pairs) {
    return StartedProcessors.config(Map.of("url", registry.url(), "group", "default",
        "idLocation", "payload", "format", "json"), pairs);
  }
}
