package dev.sluice.bench.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.dataplane.remote.PluginManifest;
import dev.sluice.dataplane.remote.PluginProcess;
import dev.sluice.dataplane.remote.RemoteProcessor;
import dev.sluice.dataplane.remote.RemoteProcessorSettings;
import dev.sluice.examples.processor.UppercaseFunction;
import dev.sluice.proto.v1.PluginRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Keeps the benchmark from rotting: its variants compute the same records, and the whole command
 * runs on a few records. Says nothing about speed.
 */
class RemoteProcessorBenchmarkIT {

  private static final Path PLUGIN = Path.of("..", "plugins", "examples", "java-processor").toAbsolutePath();

  @Test
  void remoteAndInProcessVariantsComputeTheSameRecords() throws Exception {
    List<PluginRecord> input = RemoteProcessorBenchmark.events(2_000);
    List<PluginRecord> expected =
        RemoteProcessorBenchmark.inProcess(UppercaseFunction.fromConfig("{\"field\": \"agent\"}"), input);

    try (PluginProcess plugin = PluginProcess.start(PluginManifest.read(PLUGIN));
        RemoteProcessor remote = new RemoteProcessor("bench", plugin.target(), "{\"field\": \"agent\"}",
            RemoteProcessorSettings.DEFAULTS)) {
      assertThat(RemoteProcessorBenchmark.remote(remote, input)).isEqualTo(expected);
    }
    assertThat(expected.get(0).getValue().toStringUtf8()).contains("MOZILLA/5.0");
  }

  @Test
  void runsEndToEndOnAFewRecords() {
    int exit = new CommandLine(new RemoteProcessorBenchmark()).execute(
        "--records=500", "--batch1-records=100", "--rounds=1", "--plugin=" + PLUGIN);

    assertThat(exit).isZero();
  }

  @Test
  void refusesAnOutOfRangeOptionNamingIt() {
    CommandLine command = new CommandLine(new RemoteProcessorBenchmark());
    StringWriter err = new StringWriter();
    command.setErr(new PrintWriter(err));

    assertThat(command.execute("--rounds=0")).isEqualTo(2);
    assertThat(err.toString()).contains("--rounds: '0' is out of range").contains("e.g. --rounds=3");
  }
}
