package dev.sluice.connectors.dev;

import dev.sluice.api.component.SinkConnectorProvider;
import dev.sluice.api.record.Record;
import dev.sluice.testkit.conformance.InvalidConfig;
import dev.sluice.testkit.conformance.SinkConformance;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The kit against the {@code stdout} output.
 *
 * <p>Standard output is replaced, for each test, by a stream into a buffer. That is what a worker
 * started with {@code > file} or {@code | tool} looks like to the output too: it writes to
 * whatever {@link System#out} is when it starts, and nothing else is mocked. Logs go to standard
 * error here (see logback-test.xml), so the buffer holds only records.
 *
 * <p>Unreachable is standard output redirected to a full disk: the real device {@code /dev/full},
 * which fails every write with "No space left on device".
 */
class StdoutOutputConformanceIT extends SinkConformance {

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream original;
  private PrintStream full;

  @BeforeEach
  void captureStandardOutput() {
    original = System.out;
    System.setOut(new PrintStream(captured, false, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStandardOutput() {
    System.setOut(original);
    if (full != null) {
      full.close();
    }
  }

  @Override
  protected SinkConnectorProvider provider() {
    return new StdoutOutputProvider();
  }

  @Override
  protected Map<String, Object> config() {
    return Map.of("format", "record");
  }

  @Override
  protected List<Long> delivered() throws IOException {
    return captured.toString(StandardCharsets.UTF_8).lines()
        .map(line -> ((Number) ((Map<?, ?>) value(line)).get("id")).longValue())
        .toList();
  }

  @Override
  protected boolean idempotent() {
    return false;
  }

  @Override
  protected InvalidConfig invalidConfig() {
    return new InvalidConfig(Map.of("format", "yaml", "path", "x"), List.of("format", "path"));
  }

  @Override
  protected Map<String, Object> unreachableConfig() {
    try {
      full = new PrintStream(new FileOutputStream("/dev/full"), false, StandardCharsets.UTF_8);
      System.setOut(full);
    } catch (FileNotFoundException e) {
      throw new AssertionError("this test needs /dev/full", e);
    }
    return Map.of();
  }

  @Override
  protected Optional<Record> refusedRecord() {
    return Optional.empty();
  }

  /** The record's value from a line in the record format. */
  private static Object value(String line) {
    try {
      return ((Map<?, ?>) Ndjson.parse(line.getBytes(StandardCharsets.UTF_8))).get("value");
    } catch (IOException e) {
      throw new AssertionError("not a JSON line: " + line, e);
    }
  }
}
