package dev.sluice.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.sluice.cli.StreamTestFile.Case;
import dev.sluice.dataplane.pipeline.SampleRun.DeadLetter;
import dev.sluice.dataplane.pipeline.SampleRun.Output;
import dev.sluice.dataplane.pipeline.SampleRun.Result;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one case of a stream test went: passed, or the differences between what it expected and
 * what the stream did, as a unified diff of one line per record (canonical JSON with sorted
 * fields), showing the fields the case's expected records name.
 *
 * @param name the case's name
 * @param produced how many records the stream wrote
 * @param differences nothing when the case passed; else the lines that say how it failed
 */
record CaseResult(String name, int produced, List<String> differences) {

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  boolean passed() {
    return differences.isEmpty();
  }

  /** Compares what {@code c} expected with {@code result}. */
  static CaseResult of(Case c, Result result) {
    List<String> differences = new ArrayList<>();
    if (result.failure() != null) {
      differences.add("the stream failed (error policy 'fail'): " + result.failure());
    }
    boolean keys = c.output().stream().anyMatch(r -> r.containsKey("key"));
    boolean times = c.output().stream().anyMatch(r -> r.containsKey("time"));
    List<String> expected = c.output().stream()
        .map(r -> line(r.get("key"), r.get("value"), (Instant) r.get("time"), keys, times)).toList();
    List<String> actual = new ArrayList<>();
    for (Output o : result.output()) {
      actual.add(line(o.key(), o.value(), o.time(), keys, times));
    }
    if (!expected.equals(actual)) {
      differences.addAll(UnifiedDiffUtils.generateUnifiedDiff("expected output", "actual output", expected,
          DiffUtils.diff(expected, actual), 2));
    }
    if (result.deadLetters().size() != c.deadLetters()) {
      differences.add("expected " + c.deadLetters() + " dead letter(s), got " + result.deadLetters().size()
          + (result.deadLetters().isEmpty() ? "" : ":"));
      for (DeadLetter d : result.deadLetters()) {
        differences.add("  " + d.stage() + ": " + d.error() + " (value " + json(d.value()) + ")");
      }
    }
    return new CaseResult(c.name(), result.output().size(), differences);
  }

  private static String line(Object key, Object value, Instant time, boolean keys, boolean times) {
    Map<String, Object> shown = new LinkedHashMap<>();
    if (keys) {
      shown.put("key", key);
    }
    shown.put("value", value);
    if (times) {
      shown.put("time", time == null ? null : time.toString());
    }
    return json(shown);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
