package dev.sluice.connectors.dev;

import dev.sluice.api.component.SinkConnectorProvider;
import dev.sluice.api.record.Record;
import dev.sluice.testkit.conformance.InvalidConfig;
import dev.sluice.testkit.conformance.SinkConformance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit against the {@code file} output appending to a real file in this test's directory.
 *
 * <p>Unreachable, for a local file, is a full disk: {@code /dev/full} is a real device that
 * answers every write with "No space left on device", so the unreachable case makes {@code /dev}
 * the worker's file root and writes to {@code full}.
 */
class FileOutputConformanceIT extends SinkConformance {

  @TempDir Path dir;
  private Path root;

  @Override
  protected SinkConnectorProvider provider() {
    return new FileOutputProvider();
  }

  @Override
  protected Map<String, String> workerSettings() {
    return Map.of(FileRoot.SETTING, (root == null ? dir : root).toString());
  }

  @Override
  protected Map<String, Object> config() {
    return Map.of("path", "out/records.ndjson");
  }

  @Override
  protected List<Long> delivered() throws IOException {
    Path file = dir.resolve("out/records.ndjson");
    if (!Files.exists(file)) {
      return List.of();
    }
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .map(line -> ((Number) ((Map<?, ?>) parse(line)).get("id")).longValue())
        .toList();
  }

  @Override
  protected boolean idempotent() {
    return false;
  }

  @Override
  protected InvalidConfig invalidConfig() {
    return new InvalidConfig(Map.of("format", "csv", "colour", "blue"),
        List.of("path", "format", "colour"));
  }

  @Override
  protected Map<String, Object> unreachableConfig() {
    root = Path.of("/dev");
    return Map.of("path", "full");
  }

  @Override
  protected Optional<Record> refusedRecord() {
    return Optional.empty();
  }

  private static Object parse(String line) {
    try {
      return Ndjson.parse(line.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("not a JSON line: " + line, e);
    }
  }
}
