package dev.sluice.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connectors.http.IngestBody.MalformedBodyException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestBodyTest {

  @Test
  void anObjectIsOneRecordAndAnArrayOneRecordPerElement() throws Exception {
    assertThat(parse("{\"id\": 1}", "application/json")).containsExactly(Map.of("id", 1));
    assertThat(parse("[{\"id\": 1}, 2, \"three\"]", null))
        .containsExactly(Map.of("id", 1), 2, "three");
    assertThat(parse("[]", "application/json")).isEmpty();
  }

  @Test
  void ndjsonIsOneRecordPerNonBlankLine() throws Exception {
    assertThat(parse("{\"id\":1}\r\n\n  \n{\"id\":2}", "application/x-ndjson; charset=utf-8"))
        .containsExactly(Map.of("id", 1), Map.of("id", 2));
  }

  @Test
  void mistakesNameTheirLineAndColumn() {
    assertThatThrownBy(() -> parse("{\"id\":1}\n{\"id\":2}\n{\"id\" 3}", "application/x-ndjson"))
        .isInstanceOf(MalformedBodyException.class)
        .hasMessageStartingWith("malformed JSON at line 3, column");
    assertThatThrownBy(() -> parse("[\n  {\"id\": 1},\n  {\"id\": }\n]", "application/json"))
        .hasMessageStartingWith("malformed JSON at line 3, column");
    assertThatThrownBy(() -> parse("{\"id\": 1} {\"id\": 2}", "application/json"))
        .hasMessageContaining("line 1");
  }

  @Test
  void emptyAndNullBodiesAreRefused() {
    assertThatThrownBy(() -> parse("  ", "application/json")).hasMessageContaining("empty");
    assertThatThrownBy(() -> parse("null", "application/json")).hasMessageContaining("null");
    assertThatThrownBy(() -> parse("[1, null]", "application/json"))
        .hasMessageContaining("element 1");
    assertThatThrownBy(() -> parse("{}\nnull\n", "application/x-ndjson"))
        .hasMessageContaining("line 2");
  }

  private static List<Object> parse(String body, String type) throws MalformedBodyException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return IngestBody.parse(bytes, bytes.length, type);
  }
}
