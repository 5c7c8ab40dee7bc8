package dev.sluice.connectors.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.record.Record;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOutputTest {

  @TempDir Path root;

  @Test
  void appendsToWhatIsThereAndClosesAPartialLastLineFirst() throws Exception {
    Path file = root.resolve("out.ndjson");
    Files.writeString(file, "{\"old\":1}\n{\"half", StandardCharsets.UTF_8);
    try (FileOutput output = new FileOutput()) {
      output.start(TestContext.of(root, Map.of("path", "out.ndjson", "format", "value")));
      output.write(List.of(Record.of(Map.of("id", 1), 0L)));
    }
    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
        .containsExactly("{\"old\":1}", "{\"half", "{\"id\":1}");
  }

  @Test
  void theRecordFormatCarriesKeyHeadersAndTimestamp() throws Exception {
    Record record = new Record("k1", Map.of("id", 1), Map.of(
        "trace", "t1".getBytes(StandardCharsets.UTF_8), "raw", new byte[] {(byte) 0xff, 0}), 42L);
    try (FileOutput output = new FileOutput()) {
      output.start(TestContext.of(root, Map.of("path", "sub/dir/out.ndjson", "format", "record")));
      output.write(List.of(record));
    }
    String line = Files.readString(root.resolve("sub/dir/out.ndjson"), StandardCharsets.UTF_8);
    assertThat(Ndjson.parse(line.getBytes(StandardCharsets.UTF_8))).isEqualTo(Map.of(
        "key", "k1", "value", Map.of("id", 1), "timestamp", 42,
        "headers", Map.of("trace", "t1", "raw", Map.of("base64", "/wA="))));
    assertThat(line).endsWith("}\n").hasLineCount(1);
  }

  @Test
  void controlCharactersStayInsideTheirLine() throws Exception {
    try (FileOutput output = new FileOutput()) {
      output.start(TestContext.of(root, Map.of("path", "out.ndjson", "format", "value")));
      output.write(List.of(Record.of("two\nlines\r\u0000", 0L), Record.of(null, 0L)));
    }
    assertThat(Files.readAllLines(root.resolve("out.ndjson"), StandardCharsets.UTF_8))
        .containsExactly("\"two\\nlines\\r\\u0000\"", "null");
  }
}
