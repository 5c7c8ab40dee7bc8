package dev.sluice.dataplane.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordFormatTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void textKeysRoundTripToTheSameBytesAndStructuredKeysDecode() throws IOException {
    for (String key : List.of("u-1234", "123", "\"quoted\"", "{not json", "")) {
      assertThat(RecordFormat.encodeKey(RecordFormat.decodeKey(utf8(key)))).isEqualTo(utf8(key));
    }
    assertThat(RecordFormat.decodeKey(utf8("{\"id\":7}"))).isEqualTo(Map.of("id", 7));
    assertThat(RecordFormat.decodeKey(utf8("[1,2]"))).isEqualTo(List.of(1, 2));
    assertThat(RecordFormat.decodeKey(null)).isNull();
  }

  @Test
  void valuesDecodeByFormatAndBadJsonIsAnError() throws IOException {
    assertThat(RecordFormat.JSON.decode(utf8("{\"a\":[1,\"x\"]}"))).isEqualTo(Map.of("a", List.of(1, "x")));
    assertThat(RecordFormat.STRING.decode(utf8("plain"))).isEqualTo("plain");
    assertThat(RecordFormat.JSON.encode(Map.of("n", 3))).isEqualTo(utf8("{\"n\":3}"));
    assertThatThrownBy(() -> RecordFormat.JSON.decode(utf8("{\"a\":1} trailing"))).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> RecordFormat.BYTES.encode(Map.of())).hasMessageContaining("use format json or string");
  }
}
