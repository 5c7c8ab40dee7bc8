package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LintCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int lint(String... args) {
    CommandLine cli = SluiceCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 1];
    all[0] = "lint";
    System.arraycopy(args, 0, all, 1, args.length);
    return cli.execute(all);
  }

  @Test
  void theShippedExamplesAreClean() {
    // examples/webhooks.yaml uses http_server, a plugin the build lays out under target/plugins.
    int exit = lint("--plugins", "../target/plugins", "../examples");

    assertThat(out.toString()).startsWith("ok: ").contains("no problems");
    assertThat(exit).isZero();
  }

  @Test
  void reportsThreeMistakesInOneRunLikeACompiler() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, """
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata:
          name: Bad_Name
        spec:
          parallelism: 0
          input:
            generate: {template: "{}"}
          output:
            kafka: {topic: out, fromat: json}
        """);

    int exit = lint(file.toString());

    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo(file + ":4:9: metadata.name: 'Bad_Name' is not a valid name: use at most 63 "
        + "lower-case letters, digits and '-', starting and ending with a letter or digit (for example bad-name)");
    assertThat(lines.get(1)).isEqualTo(file + ":6:16: spec.parallelism: 0 is out of range; use an integer from 1 to 1024");
    assertThat(lines.get(2)).startsWith(file + ":10:25: spec.output.kafka.fromat: unknown field 'fromat'; "
        + "did you mean 'format'? use one of: topic, ");
    assertThat(lines.get(3)).isEqualTo("3 problems in 1 of 1 file");
    assertThat(exit).isEqualTo(1);
  }

  @Test
  void findsTheSameStreamDefinedTwice() throws IOException {
    String stream = """
        apiVersion: sluice.dev/v1
        kind: Stream
        metadata: {name: twin}
        spec: {input: {generate: "{}"}, output: {kafka: {topic: t}}}
        """;
    Files.writeString(dir.resolve("a.yaml"), stream);
    Files.writeString(dir.resolve("b.yml"), stream);

    int exit = lint(dir.toString());

    assertThat(out.toString()).contains(dir.resolve("b.yml") + ":1:1: metadata.name: stream default/twin is already "
        + "defined at " + dir.resolve("a.yaml") + ":1");
    assertThat(exit).isEqualTo(1);
  }

  @Test
  void aFileThatIsNotUtf8IsAClearError() throws IOException {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xE9});

    int exit = lint(file.toString());

    assertThat(err.toString().strip()).isEqualTo("sluice: cannot read " + file + ": it is not UTF-8 text; save it as UTF-8");
    assertThat(exit).isEqualTo(2);
  }

  @Test
  void aMissingPathIsAClearErrorNotAStackTrace() {
    int exit = lint(dir.resolve("nope.yaml").toString());

    assertThat(err.toString().strip()).isEqualTo("sluice: no such file or directory: " + dir.resolve("nope.yaml"));
    assertThat(exit).isEqualTo(2);
  }
}
