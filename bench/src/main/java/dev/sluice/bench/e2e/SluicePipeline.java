package dev.sluice.bench.e2e;

import dev.sluice.dataplane.pipeline.StreamPlan;
import dev.sluice.dataplane.worker.InstanceId;
import dev.sluice.dataplane.worker.InstanceState;
import dev.sluice.dataplane.worker.StreamInstance;
import dev.sluice.dataplane.worker.WorkerRuntime;
import dev.sluice.definitions.DefinitionReader;
import dev.sluice.definitions.ReadResult;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Variant (c): the workload as a Sluice stream document, run exactly as a worker runs an
 * assigned instance: read and validated by {@link DefinitionReader}, planned, and started as a
 * {@link StreamInstance} on the worker's {@link WorkerRuntime}.
 */
final class SluicePipeline implements Pipeline {

  static final String NAMESPACE = "bench";

  private static final String DOCUMENT = """
      apiVersion: sluice.dev/v1
      kind: Stream
      metadata:
        name: %s
        namespace: %s
      spec:
        input:
          kafka: {topics: [%s], format: json, start: earliest}
        pipeline:
          processors:
      %s  output:
          kafka: {topic: %s, format: json}
      """;

  private final DefinitionReader reader;
  private final WorkerRuntime runtime;
  private final Workload workload;
  private final String name;
  private final String input;
  private final String output;
  private StreamInstance instance;

  SluicePipeline(DefinitionReader reader, WorkerRuntime runtime, Workload workload, String name, String input,
      String output) {
    this.reader = reader;
    this.runtime = runtime;
    this.workload = workload;
    this.name = name;
    this.input = input;
    this.output = output;
  }

  @Override
  public void start() throws Exception {
    ReadResult read = reader.readOne(name + ".yaml", DOCUMENT.formatted(name, NAMESPACE, input,
        workload.processors().indent(4), output));
    if (!read.isValid()) {
      throw new IllegalStateException("the benchmark's stream document is not valid: "
          + read.problems().stream().map(p -> p.path() + ": " + p.message()).collect(Collectors.joining("; ")));
    }
    instance = new StreamInstance(new InstanceId(NAMESPACE, name, 0), 1, 1, StreamPlan.of(read.definition()), runtime);
    instance.start();
  }

  @Override
  public Optional<String> failure() {
    return instance.state() == InstanceState.FAILED ? Optional.of(instance.error()) : Optional.empty();
  }

  @Override
  public void close() {
    if (instance != null) {
      instance.close();
    }
  }
}
