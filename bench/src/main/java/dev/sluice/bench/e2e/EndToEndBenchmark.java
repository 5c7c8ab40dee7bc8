package dev.sluice.bench.e2e;

import dev.sluice.testkit.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;

/**
 * The end-to-end benchmark of issue 4: on one embedded broker, the same filter + map pipeline as
 * (a) a bare consume-produce loop, (b) a plain Kafka Streams app and (c) a Sluice stream run by the
 * data plane, each over its own copy of the same input, one after the other.
 *
 * <p>First every variant warms up over a separate small topic (discarded), so none profits from the
 * JIT work of another; then per variant the measured pass
 * over a backlog of {@code --records} events, timed from the append time of its first output
 * record to that of its last; then, with the pipeline caught up and still running, events written
 * at {@code --latency-rate} for {@code --latency-seconds}, each stamped with its send time, whose
 * latency is the output's append time minus that stamp. Prints a table at the end. See
 * bench/README.md.
 */
public final class EndToEndBenchmark {

  static final int PARTITIONS = 4;
  static final String WARMUP_INPUT = "e2e-warmup";

  private final BenchEnvironment env;
  private final OutputProbe probe;
  private final InputWriter writer;
  private final BenchmarkOptions options;
  private final PrintStream progress;

  private EndToEndBenchmark(BenchEnvironment env, BenchmarkOptions options, PrintStream progress) {
    this.env = env;
    this.probe = new OutputProbe(env.bootstrapServers(), env.admin(), progress);
    this.writer = new InputWriter(env.bootstrapServers(), progress);
    this.options = options;
    this.progress = progress;
  }

  /** Runs the benchmark on a fresh embedded broker: {@code --records=1000000 ...}, see {@link BenchmarkOptions}. */
  public static void main(String[] args) throws Exception {
    BenchmarkOptions options;
    try {
      options = BenchmarkOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    Path stateDir = Files.createTempDirectory("sluice-bench-state-");
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
      List<VariantResult> results = run(kafka.bootstrapServers(), stateDir, options, System.out);
      System.out.print(ResultTable.render(results, options));
    } finally {
      deleteRecursively(stateDir);
    }
  }

  /**
   * Creates the topics on {@code bootstrapServers}, writes the input and measures each variant.
   * Kafka Streams keeps its state under {@code stateDir}.
   */
  static List<VariantResult> run(String bootstrapServers, Path stateDir, BenchmarkOptions options,
      PrintStream progress) throws Exception {
    try (BenchEnvironment env = BenchEnvironment.create(bootstrapServers, stateDir)) {
      EndToEndBenchmark benchmark = new EndToEndBenchmark(env, options, progress);
      try {
        return benchmark.runAll();
      } finally {
        benchmark.probe.close();
      }
    }
  }

  static String input(Variant v) {
    return "e2e-in-" + v.letter();
  }

  static String output(Variant v) {
    return "e2e-out-" + v.letter();
  }

  static String warmupOutput(Variant v) {
    return "e2e-warmup-out-" + v.letter();
  }

  private List<VariantResult> runAll() throws Exception {
    createTopics();
    List<String> inputs = options.variants().stream().map(EndToEndBenchmark::input).toList();
    progress.printf("writing %,d events to %s%n", options.records(), inputs);
    writer.backlog(inputs, options.records());
    if (options.warmupRecords() > 0) {
      progress.printf("writing %,d warm-up events to %s%n", options.warmupRecords(), WARMUP_INPUT);
      writer.backlog(List.of(WARMUP_INPUT), options.warmupRecords());
    }
    // Every variant warms up before any is measured: they share Kafka client and Jackson code, and
    // a variant measured after the others had run profited from their JIT work (bench/README.md).
    for (Variant v : options.variants()) {
      warmUp(v);
    }
    List<VariantResult> results = new ArrayList<>();
    for (Variant v : options.variants()) {
      results.add(measure(v));
    }
    return results;
  }

  private void createTopics() throws Exception {
    List<NewTopic> topics = new ArrayList<>();
    topics.add(new NewTopic(WARMUP_INPUT, PARTITIONS, (short) 1));
    for (Variant v : options.variants()) {
      topics.add(new NewTopic(input(v), PARTITIONS, (short) 1));
      // The broker stamps each output record when it appends it: the end of its end-to-end path.
      for (String out : List.of(output(v), warmupOutput(v))) {
        topics.add(new NewTopic(out, PARTITIONS, (short) 1).configs(Map.of("message.timestamp.type", "LogAppendTime")));
      }
    }
    env.admin().createTopics(topics).all().get();
    // Asking each partition's leader for its end offset waits until the broker leads it: writing
    // sooner makes the idempotent producer retry out of sequence until its batches expire.
    topics.forEach(t -> probe.endOffsets(t.name()));
  }

  private void warmUp(Variant v) throws Exception {
    if (options.warmupRecords() > 0) {
      progress.printf("%s: warm-up over %,d events%n", v.label(), options.warmupRecords());
      try (Pipeline warmup = v.create(env, "e2e-warmup-" + v.letter(), WARMUP_INPUT, warmupOutput(v))) {
        warmup.start();
        probe.awaitCount(warmupOutput(v), Events.kept(options.warmupRecords()), warmup);
      }
    }
  }

  private VariantResult measure(Variant v) throws Exception {
    // Garbage left by the previous variant is not this one's to collect.
    System.gc();
    progress.printf("%s: measuring %,d events%n", v.label(), options.records());
    try (Pipeline pipeline = v.create(env, "e2e-run-" + v.letter(), input(v), output(v))) {
      pipeline.start();
      probe.awaitCount(output(v), Events.kept(options.records()), pipeline);
      OutputProbe.AppendSpan span = probe.appendSpan(output(v));
      long outputs = probe.count(output(v));
      progress.printf("%s: %,d output records in %.2f s%n", v.label(), outputs, span.seconds());
      Histogram latency = latency(v, pipeline, outputs);
      return new VariantResult(v, outputs, span.seconds(), latency);
    }
  }

  /** Writes paced events into the running pipeline's input and reads back their latencies. */
  private Histogram latency(Variant v, Pipeline pipeline, long outputsSoFar) throws InterruptedException {
    if (options.latencySeconds() == 0) {
      return new Histogram(3);
    }
    progress.printf("%s: latency at %,d events/s for %d s%n", v.label(), options.latencyRate(),
        options.latencySeconds());
    Map<TopicPartition, Long> before = probe.endOffsets(output(v));
    long first = options.records();
    long written = writer.paced(input(v), first, options.latencyRate(), Duration.ofSeconds(options.latencySeconds()));
    long kept = Events.kept(first + written) - Events.kept(first);
    probe.awaitCount(output(v), outputsSoFar + kept, pipeline);
    return probe.latencies(output(v), before);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
