package dev.sluice.cli;

import dev.sluice.dataplane.pipeline.SampleRun.Sample;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A test file ({@code *.test.yaml}) read: the stream it tests and its cases, each with input
 * records and the output expected.
 *
 * <pre>
 * stream: orders.yaml          # the stream file, relative to this one
 * name: shop/orders            # which stream of it, when it holds several
 * cases:
 *   - name: views are dropped
 *     input:
 *       - {key: u1, value: {type: view}, time: 2026-11-25T12:00:00Z}
 *       - {key: u1, value: {type: click}}
 *     output:
 *       - {key: u1, value: {type: click}}
 *     deadLetters: 0           # how many records the error policy dead-letters (default 0)
 * </pre>
 *
 * @param file the test file
 * @param stream the stream file it names
 * @param name the stream's {@code namespace/name}, or {@code null} for the file's only stream
 * @param cases the cases, in order
 */
record StreamTestFile(Path file, Path stream, String name, List<Case> cases) {

  /**
   * One case.
   *
   * @param name what it checks
   * @param input the records fed to the stream
   * @param output the records expected out: each a map with {@code value} and, when they matter,
   *     {@code key} and {@code time} (an {@link Instant})
   * @param deadLetters how many records the stream's error policy is expected to dead-letter
   */
  record Case(String name, List<Sample> input, List<Map<String, Object>> output, int deadLetters) {}

  /**
   * Reads {@code file}.
   *
   * @throws UserError naming the file, the place in it and the fix, when it is not a test file
   */
  static StreamTestFile read(Path file) {
    Object root;
    try {
      root = new Load(LoadSettings.builder().build()).loadFromString(StreamFiles.text(file));
    } catch (YamlEngineException e) {
      throw new UserError(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    Map<String, Object> top = object(file, "", root, Set.of("stream", "name", "cases"));
    if (!(top.get("stream") instanceof String stream)) {
      throw new UserError(file + ": 'stream' is required: the stream file this tests, relative to this file, "
          + "such as stream: orders.yaml");
    }
    if (!(top.get("cases") instanceof List<?> cases) || cases.isEmpty()) {
      throw new UserError(file + ": 'cases' is required: a list of cases, each with name, input and output");
    }
    List<Case> read = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      read.add(testCase(file, "cases[" + i + "]", cases.get(i)));
    }
    Path dir = file.toAbsolutePath().getParent();
    return new StreamTestFile(file, dir.resolve(stream).normalize(), (String) top.get("name"), read);
  }

  private static Case testCase(Path file, String at, Object node) {
    Map<String, Object> c = object(file, at, node, Set.of("name", "input", "output", "deadLetters"));
    String name = c.get("name") instanceof String n ? n : at;
    List<Sample> input = new ArrayList<>();
    List<?> given = list(file, at + ".input", c.get("input"));
    for (int i = 0; i < given.size(); i++) {
      String where = at + ".input[" + i + "]";
      Map<String, Object> r = object(file, where, given.get(i), Set.of("key", "value", "time"));
      input.add(new Sample(r.get("key"), r.get("value"), time(file, where, r.get("time"))));
    }
    List<Map<String, Object>> output = new ArrayList<>();
    List<?> expected = list(file, at + ".output", c.get("output"));
    for (int i = 0; i < expected.size(); i++) {
      String where = at + ".output[" + i + "]";
      Map<String, Object> r = object(file, where, expected.get(i), Set.of("key", "value", "time"));
      if (r.containsKey("time")) {
        r.put("time", time(file, where, r.get("time")));
      }
      output.add(r);
    }
    Object dead = c.getOrDefault("deadLetters", 0);
    if (!(dead instanceof Integer count) || count < 0) {
      throw new UserError(file + ": " + at + ".deadLetters: expected a count such as 0 or 2, got " + dead);
    }
    return new Case(name, input, output, count);
  }

  private static Map<String, Object> object(Path file, String at, Object node, Set<String> fields) {
    if (!(node instanceof Map<?, ?> map)) {
      throw new UserError(file + ": " + where(at) + "expected an object with " + String.join(", ", fields.stream()
          .sorted().toList()) + ", got " + node);
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> {
      if (!fields.contains(String.valueOf(k))) {
        throw new UserError(file + ": " + where(at) + "unknown field '" + k + "'; the fields are "
            + String.join(", ", fields.stream().sorted().toList()));
      }
      copy.put(String.valueOf(k), v);
    });
    return copy;
  }

  private static List<?> list(Path file, String at, Object node) {
    if (node == null) {
      return List.of();
    }
    if (!(node instanceof List<?> list)) {
      throw new UserError(file + ": " + at + ": expected a list of records such as [{key: k1, value: {...}}], got "
          + node);
    }
    return list;
  }

  private static Instant time(Path file, String at, Object node) {
    if (node == null) {
      return null;
    }
    try {
      return node instanceof Number millis ? Instant.ofEpochMilli(millis.longValue()) : Instant.parse(node.toString());
    } catch (DateTimeParseException e) {
      throw new UserError(file + ": " + at + ".time: '" + node + "' is not a time; write an ISO-8601 time such as "
          + "2026-11-25T12:00:00Z, or epoch milliseconds", e);
    }
  }

  private static String where(String at) {
    return at.isEmpty() ? "" : at + ": ";
  }
}
