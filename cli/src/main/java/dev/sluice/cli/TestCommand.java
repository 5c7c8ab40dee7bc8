package dev.sluice.cli;

import ch.qos.logback.classic.Level;
import dev.sluice.api.definition.StreamDefinition;
import dev.sluice.cli.StreamTestFile.Case;
import dev.sluice.dataplane.pipeline.SampleRun;
import dev.sluice.dataplane.pipeline.StreamPlan;
import dev.sluice.dataplane.pipeline.StreamSetupException;
import dev.sluice.dataplane.pipeline.StreamTopology;
import dev.sluice.definitions.DefinitionReader;
import dev.sluice.definitions.ReadResult;
import dev.sluice.definitions.StreamFileNames;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice test}: runs the test files next to stream files and reports each case like a
 * unit-test runner, with a diff for every case whose output differs.
 */
@Command(
    name = "test",
    description = {
      "Runs stream tests: each *.test.yaml file names a stream file and cases of input records and",
      "the output expected. The stream's processors run as a worker runs them (formats, windows,",
      "dedupe, error policy), on Kafka Streams' test driver with the records' own times; connectors",
      "do not run. Exits 0 when every case passes, 1 when one fails, 2 when a file cannot be used."
    })
final class TestCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE|DIR", arity = "1..*",
      description = "Test files, or directories searched for *.test.yaml and *.test.yml.")
  List<Path> paths;

  @Mixin PluginsOption plugins;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Path> files = StreamFiles.find(paths, StreamFileNames::isTestFile);
    if (files.isEmpty()) {
      throw new UserError("no test files (*.test.yaml) in " + paths + "; write one next to a stream file");
    }
    // Failures are the results here: Kafka Streams' own logging of them would only repeat them.
    try (BootLogging quiet = new BootLogging();
        BootLogging streamsQuiet = new BootLogging("org.apache.kafka", Level.OFF);
        InstalledComponents installed = plugins.load(spec.commandLine().getErr()::println)) {
      DefinitionReader reader = new DefinitionReader(installed.catalog());
      StreamTopology topologies = SampleRun.topologies(installed.components());
      int passed = 0;
      int failed = 0;
      for (Path file : files) {
        StreamTestFile test = StreamTestFile.read(file);
        StreamDefinition stream = stream(test, reader);
        out.println(file + " (stream " + stream.id() + ")");
        for (Case c : test.cases()) {
          CaseResult result = run(topologies, stream, c);
          out.println((result.passed() ? "  ok    " : "  FAIL  ") + result.name() + " (" + result.produced()
              + " record" + (result.produced() == 1 ? "" : "s") + " out)");
          result.differences().forEach(line -> out.println("        " + line));
          passed += result.passed() ? 1 : 0;
          failed += result.passed() ? 0 : 1;
        }
      }
      out.println((passed + failed) + " case" + (passed + failed == 1 ? "" : "s") + ": " + passed + " passed, "
          + failed + " failed");
      return failed == 0 ? 0 : 1;
    }
  }

  private static CaseResult run(StreamTopology topologies, StreamDefinition stream, Case c) {
    try {
      return CaseResult.of(c, SampleRun.run(topologies, StreamPlan.of(stream), c.input()));
    } catch (StreamSetupException e) {
      throw new UserError("stream " + stream.id() + " cannot run here: " + e.getMessage(), e);
    }
  }

  /** The stream a test file names: valid, and the only one of its file unless the test names it. */
  private static StreamDefinition stream(StreamTestFile test, DefinitionReader reader) {
    if (!Files.isRegularFile(test.stream())) {
      throw new UserError(test.file() + ": stream: no such file " + test.stream());
    }
    List<ReadResult> documents = reader.readAll(test.stream().toString(), StreamFiles.text(test.stream()));
    List<StreamDefinition> streams = new ArrayList<>();
    for (ReadResult d : documents) {
      if (!d.isValid()) {
        throw new UserError(test.stream() + " has problems; run sluice lint " + test.stream() + " and fix them first");
      }
      if (test.name() == null || test.name().equals(d.definition().id())) {
        streams.add(d.definition());
      }
    }
    if (streams.size() != 1) {
      throw new UserError(test.file() + ": " + (streams.isEmpty() ? "no stream " + test.name() + " in "
          : "several streams in ") + test.stream() + "; name one with name: NAMESPACE/NAME");
    }
    return streams.get(0);
  }
}
