package dev.sluice.processors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.api.Problem;
import dev.sluice.api.config.ConfigCheck;
import dev.sluice.api.config.ConfigField;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigChecksTest {

  private static final ConfigCheck ENCODE = new SchemaRegistryEncodeProvider().descriptor().check();
  private static final ConfigCheck DECODE = new SchemaRegistryDecodeProvider().descriptor().check();
  private static final String URL = "http://localhost:8080/apis/registry/v3";

  private static Map<String, Object> config(Object... pairs) {
    return StartedProcessors.config(Map.of("group", "default", "idLocation", "payload"), pairs);
  }

  @Test
  void aUrlWithoutTheApiPathSaysWhatToWrite() {
    assertThat(DECODE.check(config("url", "http://registry:8080/"))).singleElement()
        .satisfies(p -> {
          assertThat(p.path()).isEqualTo("url");
          assertThat(p.value()).isEqualTo("http://registry:8080/");
          assertThat(p.message()).isEqualTo("the registry URL must end in /apis/registry/v3 "
              + "(Apicurio Registry 3's core API); write http://registry:8080/apis/registry/v3");
        });
    assertThat(DECODE.check(config("url", "ftp://registry/apis/registry/v3")))
        .extracting(Problem::message).singleElement().asString()
        .startsWith("the registry URL must be http:// or https:// with a host");
    assertThat(DECODE.check(config("url", URL + "/"))).isEmpty();
  }

  @Test
  void encodeNeedsExactlyOneOfArtifactAndTopic() {
    assertThat(ENCODE.check(config("url", URL))).extracting(Problem::path, Problem::message)
        .containsExactly(tuple("artifact", "say which registry "
            + "artifact holds the schema: set artifact (such as orders-value) or topic (for the "
            + "artifact <topic>-value)"));
    assertThat(ENCODE.check(config("url", URL, "artifact", "a", "topic", "t")))
        .extracting(Problem::path).containsExactly("topic");
    assertThat(ENCODE.check(config("url", URL, "topic", "orders"))).isEmpty();
  }

  @Test
  void anInlineSchemaMustBeAvroAndCannotBePinnedToAVersion() {
    List<Problem> problems = ENCODE.check(config("url", URL, "artifact", "a", "version", "1",
        "schema", "{\"type\": \"record\", \"name\": \"R\"}"));

    assertThat(problems).extracting(Problem::path).containsExactly("schema", "version");
    assertThat(problems.get(0).message()).startsWith("not an Avro schema: ")
        .endsWith("write the schema as Avro's JSON, such as {\"type\": \"record\", \"name\": "
            + "\"Order\", \"fields\": [{\"name\": \"id\", \"type\": \"string\"}]}");
  }

  @Test
  void messageTypeIsForProtobufOnly() {
    assertThat(ENCODE.check(config("url", URL, "artifact", "a", "messageType", "Order")))
        .singleElement().satisfies(p -> {
          assertThat(p.path()).isEqualTo("messageType");
          assertThat(p.value()).isEqualTo("Order");
          assertThat(p.message()).isEqualTo("messageType names a Protobuf message, but format is "
              + "avro; remove messageType, or set format: protobuf");
        });
    assertThat(ENCODE.check(config("url", URL, "artifact", "a", "format", "protobuf",
        "messageType", "Order"))).isEmpty();
  }

  @Test
  void anInlineSchemaIsReadInTheFormatsLanguage() {
    String proto = "syntax = \"proto3\"; message Order { string id = 1; }";
    String json = "{\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"string\"}}}";

    assertThat(ENCODE.check(config("url", URL, "artifact", "a", "format", "protobuf",
        "schema", proto))).isEmpty();
    assertThat(ENCODE.check(config("url", URL, "artifact", "a", "format", "json",
        "schema", json))).isEmpty();
    assertThat(ENCODE.check(config("url", URL, "artifact", "a", "format", "json",
        "schema", proto))).singleElement().satisfies(p -> {
          assertThat(p.path()).isEqualTo("schema");
          assertThat(p.value()).isEqualTo(proto);
          assertThat(p.message()).startsWith("not a JSON Schema: ").endsWith("; write the "
              + "schema as JSON, such as " + json);
        });
    assertThat(ENCODE.check(config("url", URL, "artifact", "a", "format", "protobuf",
        "schema", "message Order { string id = ; }"))).singleElement().satisfies(p -> {
          assertThat(p.path()).isEqualTo("schema");
          assertThat(p.message()).startsWith("not a Protobuf schema: Syntax error in ")
              .contains(":1:")
              .endsWith("; write the text of a .proto file, such as " + proto);
        });
    assertThat(ENCODE.check(config("url", URL, "artifact", "a", "format", "avro",
        "schema", json))).extracting(Problem::message).singleElement().asString()
        .startsWith("not an Avro schema: ");
  }

  @Test
  void aPasswordNeedsAUsername() {
    assertThat(DECODE.check(config("url", URL, "password", "p")))
        .extracting(Problem::path).containsExactly("username");
  }

  @Test
  void theSpecsExamplesPassTheirChecks() {
    ConfigField schema = EncodeConfig.SPEC.field("schema").orElseThrow();
    for (String example : schema.examples()) {
      assertThat(ENCODE.check(config("url", URL, "artifact", "a", "schema", example)))
          .as(example).isEmpty();
    }
    assertThat(EncodeConfig.SPEC.fields()).allSatisfy(f -> assertThat(f.doc()).isNotBlank());
    assertThat(SchemaRegistryDecodeProvider.SPEC.fields())
        .allSatisfy(f -> assertThat(f.doc()).isNotBlank());
  }
}
