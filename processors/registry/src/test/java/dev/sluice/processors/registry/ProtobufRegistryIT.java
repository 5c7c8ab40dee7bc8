package dev.sluice.processors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import dev.sluice.api.component.Processor;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.record.Record;
import dev.sluice.testkit.ApicurioExtension;
import dev.sluice.testkit.ApicurioRegistry;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.protobuf.ProtobufKafkaDeserializer;
import io.apicurio.registry.serde.protobuf.ProtobufKafkaSerializer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Both processors with {@code format: protobuf} against a real Apicurio Registry 3 server, with
 * Apicurio's own Protobuf serdes on the other side of the wire.
 */
@ExtendWith(ApicurioExtension.class)
class ProtobufRegistryIT {

  private static final String SHOP_PROTO = """
      syntax = "proto3";
      package it.shop;

      message Order {
        string id = 1;
        int32 quantity = 2;
        double price = 3;
        Status status = 4;
        repeated string tags = 5;
        repeated Line lines = 6;
        map<string, double> attributes = 7;
        int64 total_cents = 8;
      }

      enum Status {
        NEW = 0;
        PAID = 1;
      }

      message Line {
        string sku = 1;
        int64 qty = 2;
      }
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
        "artifact", "orders-" + UUID.randomUUID(), "schema", SHOP_PROTO,
        "messageType", "it.shop.Order"));
    Processor decode = processors.start(new SchemaRegistryDecodeProvider().create(), config(registry));
    Map<String, Object> order = new LinkedHashMap<>();
    order.put("id", "o-1");
    order.put("quantity", 3);
    order.put("price", 12.5);
    order.put("status", "PAID");
    order.put("tags", List.of("gift"));
    order.put("lines", List.of(Map.of("sku", "A", "qty", 1), Map.of("sku", "B", "qty", 2)));
    order.put("attributes", Map.of("weight", 1.5));
    order.put("total_cents", 3750);

    Record encoded = encode.process(new Record("k", order, Map.of(), 7L)).get(0);
    Record decoded = decode.process(encoded).get(0);

    byte[] bytes = (byte[]) encoded.value();
    assertThat(bytes[0]).as("magic byte").isZero();
    // Protobuf's JSON mapping writes 64-bit integers as strings.
    Map<String, Object> expected = new LinkedHashMap<>(order);
    expected.put("lines", List.of(Map.of("sku", "A", "qty", "1"), Map.of("sku", "B", "qty", "2")));
    expected.put("total_cents", "3750");
    assertThat(decoded.value()).isEqualTo(expected);
    assertThat(decoded.key()).isEqualTo("k");
    assertThat(decoded.timestamp()).isEqualTo(7L);
    try (ProtobufKafkaDeserializer<DynamicMessage> apicurio = new ProtobufKafkaDeserializer<>()) {
      apicurio.configure(Map.of(SchemaResolverConfig.REGISTRY_URL, registry.url()), false);
      DynamicMessage read = apicurio.deserialize("orders", new RecordHeaders(), bytes);
      Descriptor type = read.getDescriptorForType();
      assertThat(type.getFullName()).isEqualTo("it.shop.Order");
      assertThat(read.getField(type.findFieldByName("id"))).isEqualTo("o-1");
      assertThat(read.getField(type.findFieldByName("quantity"))).isEqualTo(3);
      assertThat(read.getField(type.findFieldByName("total_cents"))).isEqualTo(3750L);
    }
  }

  @Test
  void decodesWhatApicuriosSerializerWroteAndEncodesTheSameBytesWithTheLatestSchema(
      ApicurioRegistry registry) throws Exception {
    String artifact = "lines-" + UUID.randomUUID();
    Descriptor line = InlineSchemas.protobuf(SHOP_PROTO).getFileDescriptor()
        .findMessageTypeByName("Line");
    DynamicMessage message = DynamicMessage.newBuilder(line)
        .setField(line.findFieldByName("sku"), "C")
        .setField(line.findFieldByName("qty"), 5L)
        .build();
    byte[] written;
    try (ProtobufKafkaSerializer<DynamicMessage> apicurio = new ProtobufKafkaSerializer<>()) {
      apicurio.configure(Map.of(SchemaResolverConfig.REGISTRY_URL, registry.url(),
          SchemaResolverConfig.EXPLICIT_ARTIFACT_ID, artifact,
          SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true), false);
      written = apicurio.serialize("lines", new RecordHeaders(), message);
    }
    Processor decode = processors.start(new SchemaRegistryDecodeProvider().create(), config(registry));
    Processor encode = processors.start(new SchemaRegistryEncodeProvider().create(), config(registry,
        "artifact", artifact, "messageType", "Line"));

    Object decoded = decode.process(Record.of(written, 1L)).get(0).value();
    Record encoded = encode.process(Record.of(decoded, 1L)).get(0);

    assertThat(decoded).isEqualTo(Map.of("sku", "C", "qty", "5"));
    assertThat((byte[]) encoded.value()).isEqualTo(written);
  }

  @Test
  void aRecordThatDoesNotFitIsPermanentAndSaysWhatDoesNotFit(ApicurioRegistry registry)
      throws Exception {
    Processor encode = processors.start(new SchemaRegistryEncodeProvider().create(), config(registry,
        "artifact", "orders-" + UUID.randomUUID(), "schema", SHOP_PROTO));

    Map<String, Object> badLine = Map.of("id", "o-2", "lines",
        List.of(Map.of("sku", "A", "qty", 1), Map.of("sku", "B", "qty", "two")));

    assertThatThrownBy(() -> encode.process(Record.of(Map.of("id", "o-2", "colour", "red"), 1L)))
        .isInstanceOf(PermanentException.class)
        .hasMessage("the record does not fit Protobuf message it.shop.Order: field 'colour' is "
            + "\"red\" (a string), but the schema expects no such field: message it.shop.Order "
            + "has id, quantity, price, status, tags, lines, attributes, total_cents; fix the "
            + "record (for example with a mapping processor before this one) or the schema");
    assertThatThrownBy(() -> encode.process(Record.of(Map.of("quantity", "many"), 1L)))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("field 'quantity' is \"many\" (a string), but the schema expects "
            + "a whole number of type int32");
    assertThatThrownBy(() -> encode.process(Record.of(badLine, 1L)))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("field 'lines[1].qty' is \"two\" (a string), but the schema "
            + "expects a whole number of type int64 (a number, or one as text)");
    assertThatThrownBy(() -> encode.process(Record.of(Map.of("status", "LOST"), 1L)))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("field 'status' is \"LOST\" (a string), but the schema expects "
            + "one of [NEW, PAID]");
    assertThatThrownBy(() -> encode.process(Record.of("o-3", 1L)))
        .isInstanceOf(PermanentException.class)
        .hasMessageStartingWith("the record does not fit Protobuf message it.shop.Order: the "
            + "value is \"o-3\" (a string), but the schema expects an object (message "
            + "it.shop.Order)");
    assertThat(encode.process(Record.of(Map.of("id", "o-4"), 1L))).as("still encodes good ones")
        .hasSize(1);
  }

  @Test
  void aMessageTypeTheSchemaDoesNotHaveIsAConfigErrorNamingTheOnesItHas(
      ApicurioRegistry registry) {
    String artifact = "orders-" + UUID.randomUUID();

    assertThatThrownBy(() -> processors.start(new SchemaRegistryEncodeProvider().create(), config(registry,
        "artifact", artifact, "schema", SHOP_PROTO, "messageType", "Invoice")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .singleElement().satisfies(p -> {
              assertThat(p.path()).isEqualTo("messageType");
              assertThat(p.message()).isEqualTo("the schema default/" + artifact + " has no "
                  + "message Invoice; set messageType to one of it.shop.Order, it.shop.Line");
            }));
  }

  private static Map<String, Object> config(ApicurioRegistry registry, Object... pairs) {
    return StartedProcessors.config(Map.of("url", registry.url(),
        "idLocation", "payload", "format", "protobuf"), pairs);
  }
}
