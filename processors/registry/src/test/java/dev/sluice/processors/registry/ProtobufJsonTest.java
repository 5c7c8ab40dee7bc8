package dev.sluice.processors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtobufJsonTest {

  private static final Descriptor ORDER = InlineSchemas.protobuf("""
      syntax = "proto3";
      package shop;
      message Order {
        string id = 1;
        Customer customer = 2;
        repeated int32 sizes = 3;
        map<string, int64> stock = 4;
        bytes token = 5;
      }
      message Customer { string name = 1; bool vip = 2; }
      """).getFileDescriptor().findMessageTypeByName("Order");

  @Test
  void aValueBecomesAMessageAndPrintsBackWithEveryField() throws Exception {
    Map<String, Object> order = new LinkedHashMap<>();
    order.put("id", "o-1");
    order.put("customer", Map.of("name", "Ada"));
    order.put("sizes", List.of(1, 2));
    order.put("stock", Map.of("A", 5));

    DynamicMessage message = ProtobufJson.message(ORDER, order);

    assertThat(message.getField(ORDER.findFieldByName("id"))).isEqualTo("o-1");
    Map<String, Object> printed = new LinkedHashMap<>(order);
    printed.put("customer", Map.of("name", "Ada", "vip", false));
    printed.put("stock", Map.of("A", "5"));
    printed.put("token", "");
    assertThat(ProtobufJson.value(message)).isEqualTo(printed);
  }

  @Test
  void aMismatchNamesTheFieldInsideNestedMessagesAndLists() {
    assertThatThrownBy(() -> ProtobufJson.message(ORDER,
        Map.of("customer", Map.of("name", "Ada", "vip", "yes"))))
        .isInstanceOfSatisfying(SchemaMismatch.class, e -> assertThat(e.describe("X"))
            .contains("field 'customer.vip' is \"yes\" (a string), but the schema expects true "
                + "or false"));
    assertThatThrownBy(() -> ProtobufJson.message(ORDER, Map.of("sizes", List.of(1, 2.5))))
        .isInstanceOfSatisfying(SchemaMismatch.class, e -> assertThat(e.describe("X"))
            .contains("field 'sizes[1]' is 2.5 (a number), but the schema expects a whole "
                + "number of type int32"));
    assertThatThrownBy(() -> ProtobufJson.message(ORDER,
        Map.of("customer", Map.of("nickname", "A"))))
        .isInstanceOfSatisfying(SchemaMismatch.class, e -> assertThat(e.describe("X"))
            .contains("field 'customer.nickname' is \"A\" (a string), but the schema expects no "
                + "such field: message shop.Customer has name, vip"));
    assertThatThrownBy(() -> ProtobufJson.message(ORDER, List.of()))
        .isInstanceOfSatisfying(SchemaMismatch.class, e -> assertThat(e.describe("X"))
            .contains("the value is [] (an array), but the schema expects an object (message "
                + "shop.Order)"));
  }
}
