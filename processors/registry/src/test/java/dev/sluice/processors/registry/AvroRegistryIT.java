package dev.sluice.processors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.api.component.Processor;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.record.Record;
import dev.sluice.testkit.ApicurioExtension;
import dev.sluice.testkit.ApicurioRegistry;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Both processors against a real Apicurio Registry 3 server, with Apicurio's own serdes on the
 * other side of the wire.
 */
@ExtendWith(ApicurioExtension.class)
class AvroRegistryIT {

  private static final String ORDER_SCHEMA = """
      {"type": "record", "name": "Order", "namespace": "com.example",
       "fields": [
         {"name": "id", "type": "string"},
         {"name": "quantity", "type": "int"},
         {"name": "price", "type": {"type": "bytes", "logicalType": "decimal",
                                    "precision": 9, "scale": 2}},
         {"name": "status", "type": {"type": "enum", "name": "Status",
                                     "symbols": ["NEW", "PAID"]}},
         {"name": "note", "type": ["null", "string"], "default": null},
         {"name": "tags", "type": {"type": "array", "items": "string"}},
         {"name": "lines", "type": {"type": "array", "items": {
            "type": "record", "name": "Line",
            "fields": [{"name": "sku", "type": "string"}, {"name": "qty", "type": "long"}]}}},
         {"name": "attributes", "type": {"type": "map", "values": "double"}}
       ]}
      """;

  private final StartedProcessors processors = new StartedProcessors();

  @AfterEach
  void close() {
    processors.closeAll();
  }

  @Test
  void encodeThenDecodeGivesTheSameValuesAndApicurioReadsTheBytes(ApicurioRegistry registry)
      throws Exception {
    String artifact = "orders-" + UUID.randomUUID();
    Processor encode = processors.start(new SchemaRegistryEncodeProvider().create(),
        encodeConfig(registry, "artifact", artifact, "schema", ORDER_SCHEMA));
    Processor decode = processors.start(new SchemaRegistryDecodeProvider().create(),
        Map.of("url", registry.url(), "idLocation", "payload"));
    Map<String, Object> order = order("o-1", 3);

    Record encoded = encode.process(new Record("k", order, Map.of(), 7L)).get(0);
    Record decoded = decode.process(encoded).get(0);

    assertThat(encoded.value()).isInstanceOf(byte[].class);
    assertThat(((byte[]) encoded.value())[0]).as("magic byte").isZero();
    assertThat(decoded.value()).isEqualTo(withPrice(order, new BigDecimal("12.50")));
    assertThat(decoded.key()).isEqualTo("k");
    assertThat(decoded.timestamp()).isEqualTo(7L);
    byte[] truncated = Arrays.copyOf((byte[]) encoded.value(), 9);
    assertThatThrownBy(() -> decode.process(Record.of(truncated, 1L)))
        .as("a known schema id with a broken payload")
        .isInstanceOf(PermanentException.class)
        .hasMessageStartingWith("the value is not Avro written by a registry serializer");

    try (AvroKafkaDeserializer<GenericRecord> apicurio = new AvroKafkaDeserializer<>()) {
      apicurio.configure(Map.of(SchemaResolverConfig.REGISTRY_URL, registry.url()), false);
      GenericRecord read = apicurio.deserialize("orders", new RecordHeaders(),
          (byte[]) encoded.value());
      assertThat(read.getSchema().getFullName()).isEqualTo("com.example.Order");
      assertThat(read.get("id")).hasToString("o-1");
      assertThat(read.get("quantity")).isEqualTo(3);
      assertThat(read.get("status")).hasToString("PAID");
      assertThat(((GenericRecord) ((List<?>) read.get("lines")).get(1)).get("qty")).isEqualTo(2L);
    }
  }

  @Test
  void decodesWhatApicuriosSerializerWroteForATopicAndEncodesWithThatLatestSchema(
      ApicurioRegistry registry) throws Exception {
    String topic = "payments-" + UUID.randomUUID();
    Schema schema = new Schema.Parser().parse("""
        {"type": "record", "name": "Payment", "fields": [
          {"name": "id", "type": "string"}, {"name": "amount", "type": "double"}]}""");
    GenericRecord payment = new GenericData.Record(schema);
    payment.put("id", "p-1");
    payment.put("amount", 9.75);
    byte[] written;
    try (AvroKafkaSerializer<GenericRecord> apicurio = new AvroKafkaSerializer<>()) {
      apicurio.configure(Map.of(SchemaResolverConfig.REGISTRY_URL, registry.url(),
          SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true), false);
      written = apicurio.serialize(topic, new RecordHeaders(), payment);
    }
    Processor decode = processors.start(new SchemaRegistryDecodeProvider().create(),
        Map.of("url", registry.url(), "idLocation", "payload"));
    Processor encode = processors.start(new SchemaRegistryEncodeProvider().create(),
        encodeConfig(registry, "topic", topic));

    Object decoded = decode.process(Record.of(written, 1L)).get(0).value();
    Record encoded = encode.process(Record.of(decoded, 1L)).get(0);

    assertThat(decoded).isEqualTo(Map.of("id", "p-1", "amount", 9.75));
    assertThat((byte[]) encoded.value()).isEqualTo(written);
  }

  @Test
  void withIdLocationHeadersTheIdTravelsInHeadersBothWays(ApicurioRegistry registry)
      throws Exception {
    Processor encode = processors.start(new SchemaRegistryEncodeProvider().create(), encodeConfig(registry,
        "artifact", "orders-" + UUID.randomUUID(), "schema", ORDER_SCHEMA,
        "idLocation", "headers"));
    Processor decode = processors.start(new SchemaRegistryDecodeProvider().create(),
        Map.of("url", registry.url(), "idLocation", "headers"));
    Map<String, Object> order = order("o-h", 5);

    Record encoded = encode.process(new Record("k", order, Map.of("trace", new byte[] {1}), 1L))
        .get(0);

    assertThat(encoded.headers()).containsKey("trace")
        .hasKeySatisfying(new Condition<>(
            name -> name.startsWith("apicurio.value."), "an apicurio.value.* header"));
    assertThat(decode.process(encoded).get(0).value())
        .isEqualTo(withPrice(order, new BigDecimal("12.50")));
    try (AvroKafkaDeserializer<GenericRecord> apicurio = new AvroKafkaDeserializer<>()) {
      apicurio.configure(Map.of(SchemaResolverConfig.REGISTRY_URL, registry.url(),
          "apicurio.registry.headers.enabled", true), false);
      RecordHeaders headers = new RecordHeaders();
      encoded.headers().forEach(headers::add);
      assertThat(apicurio.deserialize("orders", headers, (byte[]) encoded.value()).get("id"))
          .hasToString("o-h");
    }
  }

  @Test
  void aRecordThatDoesNotFitIsPermanentAndNamesTheFieldTheValueAndTheType(
      ApicurioRegistry registry) throws Exception {
    Processor encode = processors.start(new SchemaRegistryEncodeProvider().create(), encodeConfig(
        registry, "artifact", "orders-" + UUID.randomUUID(), "schema", ORDER_SCHEMA));
    Map<String, Object> badQuantity = new LinkedHashMap<>(order("o-2", 1));
    badQuantity.put("quantity", "three");
    Map<String, Object> badLine = new LinkedHashMap<>(order("o-3", 1));
    badLine.put("lines", List.of(Map.of("sku", "A", "qty", 1), Map.of("sku", "B", "qty", 1.5)));
    Map<String, Object> extra = new LinkedHashMap<>(order("o-4", 1));
    extra.put("colour", "red");

    assertThatThrownBy(() -> encode.process(Record.of(badQuantity, 1L)))
        .isInstanceOf(PermanentException.class)
        .hasMessage("the record does not fit Avro schema com.example.Order: field 'quantity' is "
            + "\"three\" (a string), but the schema expects an int; fix the record (for example "
            + "with a mapping processor before this one) or the schema");
    assertThatThrownBy(() -> encode.process(Record.of(badLine, 1L)))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("field 'lines[1].qty' is 1.5 (a number), but the schema expects "
            + "a long (a whole number)");
    assertThatThrownBy(() -> encode.process(Record.of(extra, 1L)))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("field 'colour' is \"red\" (a string), but the schema expects no "
            + "such field: record com.example.Order has id, quantity, price, status, note, tags, "
            + "lines, attributes");
    assertThat(encode.process(Record.of(order("o-5", 1), 1L))).as("still encodes good ones")
        .hasSize(1);
  }

  @Test
  void anUnknownArtifactIsAConfigErrorThatSaysHowToFixIt(ApicurioRegistry registry) {
    String artifact = "missing-" + UUID.randomUUID();

    assertThatThrownBy(() -> processors.start(new SchemaRegistryEncodeProvider().create(),
        encodeConfig(registry, "artifact", artifact)))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .singleElement().satisfies(p -> {
              assertThat(p.path()).isEqualTo("artifact");
              assertThat(p.message()).startsWith("the registry at " + registry.url()
                  + " has no artifact default/" + artifact + " (")
                  .endsWith("); register the schema there, or set schema to have it registered");
            }));
  }

  @Test
  void bytesNamingASchemaIdTheRegistryDoesNotHaveArePermanent(ApicurioRegistry registry)
      throws Exception {
    Processor decode = processors.start(new SchemaRegistryDecodeProvider().create(),
        Map.of("url", registry.url(), "idLocation", "payload"));
    byte[] unknownId = {0, 0x7f, 0, 0, 1, 2, 4};

    assertThatThrownBy(() -> decode.process(Record.of(unknownId, 1L)))
        .isInstanceOf(PermanentException.class)
        .hasMessageStartingWith("the record names a schema id that the registry at "
            + registry.url() + " does not have");
    assertThatThrownBy(() -> decode.process(Record.of(new byte[] {'{', '}'}, 1L)))
        .isInstanceOf(PermanentException.class)
        .hasMessageStartingWith("the value is not Avro written by a registry serializer "
            + "(payload id) or does not match its schema: ");
    assertThatThrownBy(() -> decode.process(Record.of(Map.of("a", 1), 1L)))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("read the input with format: bytes");
  }

  @Test
  void anUnreachableRegistryIsRetriable() throws Exception {
    String url = "http://127.0.0.1:" + closedPort() + "/apis/registry/v3";

    assertThatThrownBy(() -> processors.start(new SchemaRegistryEncodeProvider().create(),
        Map.of("url", url, "artifact", "orders-value", "group", "default",
            "idLocation", "payload")))
        .isInstanceOf(RetriableException.class)
        .hasMessageStartingWith("cannot get the schema of default/orders-value: the registry at "
            + url + " is not reachable");
    Processor decode = processors.start(new SchemaRegistryDecodeProvider().create(),
        Map.of("url", url, "idLocation", "payload"));
    assertThatThrownBy(() -> decode.process(Record.of(new byte[] {0, 0, 0, 0, 1, 2}, 1L)))
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("is not reachable");
  }

  @Test
  void aRegistryAnswering503IsRetriable() throws Exception {
    HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    failing.createContext("/", exchange -> {
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    failing.start();
    try {
      String url = "http://127.0.0.1:" + failing.getAddress().getPort() + "/apis/registry/v3";

      assertThatThrownBy(() -> processors.start(new SchemaRegistryEncodeProvider().create(),
          Map.of("url", url, "artifact", "orders-value", "group", "default",
              "idLocation", "payload")))
          .isInstanceOf(RetriableException.class)
          .hasMessageStartingWith("cannot get the schema of default/orders-value: the registry "
              + "at " + url + " answered 503");
    } finally {
      failing.stop(0);
    }
  }

  private static Map<String, Object> order(String id, int quantity) {
    Map<String, Object> order = new LinkedHashMap<>();
    order.put("id", id);
    order.put("quantity", quantity);
    order.put("price", 12.5);
    order.put("status", "PAID");
    order.put("note", null);
    order.put("tags", List.of("gift"));
    order.put("lines", List.of(Map.of("sku", "A", "qty", 1L), Map.of("sku", "B", "qty", 2L)));
    order.put("attributes", Map.of("weight", 1.5));
    return order;
  }

  private static Map<String, Object> withPrice(Map<String, Object> order, BigDecimal price) {
    Map<String, Object> copy = new LinkedHashMap<>(order);
    copy.put("price", price);
    return copy;
  }

  private static Map<String, Object> encodeConfig(ApicurioRegistry registry, Object... pairs) {
    return StartedProcessors.config(Map.of("url", registry.url(), "group", "default",
        "idLocation", "payload"), pairs);
  }


  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
