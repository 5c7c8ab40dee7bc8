package dev.sluice.processors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class JsonToAvroTest {

  private static final Schema SCHEMA = new Schema.Parser().parse("""
      {"type": "record", "name": "Event", "namespace": "t", "fields": [
        {"name": "id", "type": "long"},
        {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["A", "B"]}},
        {"name": "source", "type": "string", "default": "web"},
        {"name": "comment", "type": ["null", "string"]},
        {"name": "amount", "type": ["null", {"type": "bytes", "logicalType": "decimal",
                                               "precision": 5, "scale": 2}], "default": null},
        {"name": "ratio", "type": "float", "default": 0.5},
        {"name": "hash", "type": {"type": "fixed", "name": "Hash", "size": 2}, "default": "ab"},
        {"name": "payload", "type": ["int", "string", {"type": "map", "values": "long"}],
         "default": 0},
        {"name": "small", "type": "int", "default": 0}
      ]}""");

  private static Map<String, Object> event(Object... pairs) {
    Map<String, Object> value = new LinkedHashMap<>(Map.of("id", 1, "kind", "A"));
    for (int i = 0; i < pairs.length; i += 2) {
      value.put((String) pairs[i], pairs[i + 1]);
    }
    return value;
  }

  private static String mismatch(Map<String, Object> value) {
    try {
      JsonToAvro.convert(SCHEMA, value);
    } catch (SchemaMismatch e) {
      return e.describe("Avro schema t.Event");
    }
    throw new AssertionError("converted " + value);
  }

  @Test
  void missingFieldsTakeTheirDefaultOrNullAndTheValueRoundTrips() throws Exception {
    GenericRecord record = (GenericRecord) JsonToAvro.convert(SCHEMA, event());

    assertThat(record.get("source")).hasToString("web");
    assertThat(record.get("comment")).isNull();
    assertThat(record.get("ratio")).isEqualTo(0.5f);
    assertThat(GenericData.get().validate(SCHEMA, record)).isTrue();
    Map<String, Object> expected = new HashMap<>(Map.of("id", 1L, "kind", "A", "source", "web",
        "ratio", 0.5f, "hash", Base64.getEncoder().encodeToString("ab".getBytes()),
        "payload", 0, "small", 0));
    expected.put("comment", null);
    expected.put("amount", null);
    assertThat(AvroToJson.convert(SCHEMA, record)).isEqualTo(expected);
  }

  @Test
  void unionsTakeTheFirstBranchTheValueFits() throws Exception {
    GenericRecord asText = (GenericRecord) JsonToAvro.convert(SCHEMA, event("payload", "x"));
    GenericRecord asMap = (GenericRecord) JsonToAvro.convert(SCHEMA,
        event("payload", Map.of("n", 2)));

    assertThat(asText.get("payload")).isEqualTo("x");
    assertThat(asMap.get("payload")).isEqualTo(Map.of("n", 2L));
    assertThat(mismatch(event("payload", List.of()))).contains("field 'payload' is [] (an array), "
        + "but the schema expects an int or a string or a map of a long");
  }

  @Test
  void decimalsKeepEveryDigitOrAreRefused() throws Exception {
    GenericRecord record = (GenericRecord) JsonToAvro.convert(SCHEMA, event("amount", "123.4"));

    assertThat(AvroToJson.convert(SCHEMA, record)).extracting(m -> ((Map<?, ?>) m).get("amount"))
        .isEqualTo(new BigDecimal("123.40"));
    assertThat(mismatch(event("amount", 1.234))).contains("field 'amount' is 1.234 (a number), "
        + "but the schema expects a decimal with at most 5 digits, 2 after the point");
    assertThat(mismatch(event("amount", 1234.5))).contains("field 'amount' is 1234.5");
  }

  @Test
  void numbersMustFitTheirType() {
    assertThat(mismatch(event("small", 3_000_000_000L))).contains("field 'small' is 3000000000 "
        + "(a number), but the schema expects an int (from -2147483648 to 2147483647)");
    assertThat(mismatch(event("id", 1.5))).contains("field 'id' is 1.5 (a number), but the "
        + "schema expects a long (a whole number)");
    assertThat(mismatch(event("id", "1"))).contains("field 'id' is \"1\" (a string), but the "
        + "schema expects a long");
  }

  @Test
  void aMissingRequiredFieldAnUnknownSymbolAndAWrongFixedSizeAreNamed() {
    Map<String, Object> noId = event();
    noId.remove("id");

    assertThat(mismatch(noId)).isEqualTo("the record does not fit Avro schema t.Event: field 'id' "
        + "is missing, but the schema expects a long and has no default; fix the record (for "
        + "example with a mapping processor before this one) or the schema");
    assertThat(mismatch(event("kind", "C"))).contains("field 'kind' is \"C\" (a string), but the "
        + "schema expects one of [A, B]");
    assertThat(mismatch(event("hash", "AAAA"))).contains("field 'hash' is \"AAAA\" (a string), "
        + "but the schema expects 2 bytes (fixed t.Hash), as base64 text");
  }

  @Test
  void aValueThatIsNotAnObjectIsRefusedAsAWhole() {
    assertThatThrownBy(() -> JsonToAvro.convert(SCHEMA, "text"))
        .isInstanceOfSatisfying(SchemaMismatch.class, e -> assertThat(e.describe("Avro schema t.Event"))
            .startsWith("the record does not fit Avro schema t.Event: the value is \"text\" "
                + "(a string), but the schema expects an object (record t.Event)"));
  }

  @Test
  void longValuesAreShortenedInMessages() {
    assertThat(JsonToAvro.shown("x".repeat(100))).hasSize(60 + " (a string)".length())
        .endsWith("... (a string)");
  }
}
