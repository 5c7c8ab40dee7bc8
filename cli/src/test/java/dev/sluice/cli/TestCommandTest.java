package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sluice test} on the shipped example's cases, on a wrong expectation and on a bad file. */
class TestCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int test(String... paths) {
    CommandLine cli = SluiceCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[paths.length + 1];
    all[0] = "test";
    System.arraycopy(paths, 0, all, 1, paths.length);
    return cli.execute(all);
  }

  @Test
  void theFiveStagePipelinesCasesPass() {
    int exit = test("../examples");

    assertThat(out.toString()).contains("  ok    views are dropped and each event type is aggregated")
        .endsWith("2 cases: 2 passed, 0 failed\n");
    assertThat(exit).isZero();
  }

  @Test
  void aWrongExpectationFailsWithADiffOfExpectedAndActualRecords() throws IOException {
    Files.copy(Path.of("../examples/five-stage-pipeline.yaml"), dir.resolve("pipeline.yaml"));
    Files.writeString(dir.resolve("pipeline.test.yaml"), """
        stream: pipeline.yaml
        cases:
          - name: counts purchases
            input:
              - value: '{"type": "purchase", "amount": 10, "at": "2026-11-25T12:00:01Z"}'
              - value: '{"type": "purchase", "amount": 20, "at": "2026-11-25T12:00:20Z"}'
            output:
              - value: {key: purchase, windowStart: "2026-11-25T12:00:00Z", windowEnd: "2026-11-25T12:00:10Z",
                        count: 2, revenue: 10, average: 10.0, large: 0}
        """);

    int exit = test(dir.toString());

    assertThat(out.toString()).contains("  FAIL  counts purchases (1 record out)",
        "--- expected output", "+++ actual output",
        "-{\"value\":{\"average\":10.0,\"count\":2,",
        "+{\"value\":{\"average\":10.0,\"count\":1,", "1 case: 0 passed, 1 failed");
    assertThat(exit).isEqualTo(1);
  }

  @Test
  void aStreamWithAnOutOfProcessPluginIsRefusedNamingTheProcessor() throws IOException {
    Files.writeString(dir.resolve("upper.yaml"), """
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: upper}
        spec:
          input: {kafka: {topics: [names]}}
          pipeline:
            processors:
              - mapping: '{"name": name}'
              - plugin: {name: uppercase-java, config: {field: name}}
          output: {kafka: {topic: upper-names}}
        """);
    Files.writeString(dir.resolve("upper.test.yaml"), """
        stream: upper.yaml
        cases:
          - name: upper-cases
            input: [{value: {name: ada}}]
            output: [{value: {name: ADA}}]
        """);

    int exit = test(dir.toString());

    assertThat(err.toString()).contains("spec.pipeline.processors[1] (plugin uppercase-java) runs out of process, "
        + "and sample runs do not start plugins");
    assertThat(exit).isEqualTo(2);
  }

  @Test
  void aMisspeltFieldIsRefusedWithTheFieldsThatExist() throws IOException {
    Files.copy(Path.of("../examples/five-stage-pipeline.yaml"), dir.resolve("pipeline.yaml"));
    Files.writeString(dir.resolve("pipeline.test.yaml"), """
        stream: pipeline.yaml
        cases:
          - name: typo
            input:
              - {vaule: 1}
        """);

    int exit = test(dir.toString());

    assertThat(err.toString()).contains("cases[0].input[0]: unknown field 'vaule'; the fields are key, time, value");
    assertThat(exit).isEqualTo(2);
  }
}
