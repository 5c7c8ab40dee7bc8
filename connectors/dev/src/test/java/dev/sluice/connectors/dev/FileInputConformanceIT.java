package dev.sluice.connectors.dev;

import dev.sluice.api.component.SourceConnectorProvider;
import dev.sluice.api.record.Record;
import dev.sluice.testkit.conformance.InvalidConfig;
import dev.sluice.testkit.conformance.SourceConformance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit against the {@code file} input reading a real file to its end. Each test has its own
 * directory, which is the worker's file root.
 *
 * <p>What "unreachable" means for a local file: a followed file that does not exist yet (a log
 * that a producer has not created, a mount that is not there). That may pass, so it is retriable;
 * a missing file that is read once, without {@code follow}, is a config error instead.
 */
class FileInputConformanceIT extends SourceConformance {

  @TempDir Path root;

  /** Whether the kit's config follows the file. */
  boolean follow() {
    return false;
  }

  @Override
  protected SourceConnectorProvider provider() {
    return new FileInputProvider();
  }

  @Override
  protected Map<String, String> workerSettings() {
    return Map.of(FileRoot.SETTING, root.toString());
  }

  @Override
  protected Map<String, Object> config() {
    return Map.of("path", "in/records.ndjson", "follow", follow());
  }

  @Override
  protected void append(long firstId, int count) throws IOException {
    StringBuilder lines = new StringBuilder();
    for (long id = firstId; id < firstId + count; id++) {
      lines.append("{\"id\":").append(id).append(",\"name\":\"record ").append(id)
          .append("\"}\n");
    }
    Path file = root.resolve("in/records.ndjson");
    Files.createDirectories(file.getParent());
    Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  @Override
  protected long idOf(Record record) {
    return ((Number) ((Map<?, ?>) record.value()).get("id")).longValue();
  }

  @Override
  protected InvalidConfig invalidConfig() {
    return new InvalidConfig(Map.of("path", 5, "follow", "yes", "format", "xml"),
        List.of("path", "follow", "format"));
  }

  @Override
  protected Map<String, Object> unreachableConfig() {
    return Map.of("path", "not-yet.ndjson", "follow", true);
  }

  @Override
  protected Map<String, Object> refusedConfig() {
    return Map.of("path", "missing.ndjson");
  }
}
