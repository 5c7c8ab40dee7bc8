package dev.sluice.bench.e2e;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;

/**
 * The end-to-end benchmark of issue 4: on one broker, the same pipeline ({@link Workload}: issue
 * 4's filter + map, or issue 6's five stages with a window) as (a) a bare consume-produce loop
 * (filter + map only), (b) a plain Kafka Streams app and (c) a Sluice stream run by the data plane,
 * each over its own copy of the same input, one after the other, in rounds.
 *
 * <p>First every variant warms up over a separate small topic (discarded). Then, per round, the
 * round's input topics are written (one per variant, the same bytes) and every variant is measured
 * once, each round starting one variant later than the one before (a,b,c / b,c,a / c,a,b). The
 * JVMs take about a round of 1,000,000 records per variant to warm up, and until then a variant
 * measured earlier is slower for it (bench/README.md), so the first {@code --warmup-rounds}
 * rounds are left out of the medians.
 *
 * <p>A measurement is a pass over a backlog of {@code --records} events, timed from the append
 * time of its first output record to that of its last; then, with the pipeline caught up and
 * still running, events written at {@code --latency-rate} for {@code --latency-seconds}, each
 * stamped with its send time, whose latency is the output's append time minus that stamp. Prints
 * each round as it ends and a table of medians at the end. Runs on the calling thread.
 */
public final class EndToEndBenchmark {

  static final int PARTITIONS = 4;

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

  /**
   * Runs the benchmark on a fresh broker, placed as {@code --broker} says: {@code --rounds=3 ...},
   * see {@link BenchmarkOptions}; exits 2 on wrong options.
   */
  public static void main(String[] args) {
    System.exit(BenchmarkOptions.commandLine(EndToEndBenchmark::runOnFreshBroker).execute(args));
  }

  private static void runOnFreshBroker(BenchmarkOptions options) throws Exception {
    Path stateDir = Files.createTempDirectory("sluice-bench-state-");
    try (BrokerPlacement.Broker broker = options.broker().start()) {
      List<VariantResult> results = run(broker.bootstrapServers(), stateDir, options, System.out);
      System.out.print(ResultTable.render(results, options));
    } finally {
      deleteRecursively(stateDir);
    }
  }

  /**
   * Creates the topics on {@code bootstrapServers}, writes the input and measures each variant in
   * each round: the results in the order measured. Kafka Streams keeps its state under {@code
   * stateDir}.
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

  /**
   * What the names of {@code workload}'s topics, consumer groups, application ids and streams start
   * with: {@code e2e} for filter-map, {@code e2e-five-stage} for the other, so that runs of both on
   * one broker do not meet.
   */
  static String prefix(Workload workload) {
    return workload == Workload.FILTER_MAP ? "e2e" : "e2e-" + workload.word();
  }

  static String input(Workload w, Variant v, int round) {
    return prefix(w) + "-in-" + v.letter() + "-r" + round;
  }

  static String output(Workload w, Variant v, int round) {
    return prefix(w) + "-out-" + v.letter() + "-r" + round;
  }

  static String warmupInput(Workload w) {
    return prefix(w) + "-warmup";
  }

  static String warmupOutput(Workload w, Variant v) {
    return prefix(w) + "-warmup-out-" + v.letter();
  }

  /** The variants in the order round {@code round} (from 1) measures them: rotated by one a round. */
  static List<Variant> order(List<Variant> variants, int round) {
    List<Variant> order = new ArrayList<>(variants);
    Collections.rotate(order, -(round - 1));
    return order;
  }

  private List<VariantResult> runAll() throws Exception {
    if (options.warmupRecords() > 0) {
      String warmupInput = warmupInput(options.workload());
      createTopics(List.of(warmupInput),
          options.variants().stream().map(v -> warmupOutput(options.workload(), v)).toList());
      progress.printf("writing %,d warm-up events to %s%n", options.warmupRecords(), warmupInput);
      writer.backlog(List.of(warmupInput), options.warmupRecords());
      // Every variant warms up before any is measured: they share Kafka client and Jackson code.
      for (Variant v : options.variants()) {
        warmUp(v);
      }
    }
    List<VariantResult> results = new ArrayList<>();
    for (int round = 1; round <= options.totalRounds(); round++) {
      List<VariantResult> measured = runRound(round);
      progress.print(ResultTable.renderRound(round, options, measured));
      results.addAll(measured);
    }
    return results;
  }

  private List<VariantResult> runRound(int round) throws Exception {
    List<Variant> order = order(options.variants(), round);
    List<String> inputs = order.stream().map(v -> input(options.workload(), v, round)).toList();
    createTopics(inputs, order.stream().map(v -> output(options.workload(), v, round)).toList());
    progress.printf("round %d of %d, order %s: writing %,d events to %s%n", round, options.totalRounds(),
        ResultTable.letters(order), options.records(), inputs);
    writer.backlog(inputs, options.records());
    List<VariantResult> measured = new ArrayList<>();
    for (Variant v : order) {
      measured.add(measure(v, round));
    }
    return measured;
  }

  private void createTopics(List<String> inputs, List<String> outputs) throws Exception {
    List<NewTopic> topics = new ArrayList<>();
    inputs.forEach(in -> topics.add(new NewTopic(in, PARTITIONS, (short) 1)));
    // The broker stamps each output record when it appends it: the end of its end-to-end path.
    outputs.forEach(out -> topics.add(new NewTopic(out, PARTITIONS, (short) 1)
        .configs(Map.of("message.timestamp.type", "LogAppendTime"))));
    env.admin().createTopics(topics).all().get();
    // Asking each partition's leader for its end offset waits until the broker leads it: writing
    // sooner makes the idempotent producer retry out of sequence until its batches expire.
    topics.forEach(t -> probe.endOffsets(t.name()));
  }

  private void warmUp(Variant v) throws Exception {
    progress.printf("%s: warm-up over %,d events%n", v.label(), options.warmupRecords());
    Workload w = options.workload();
    try (Pipeline warmup = v.create(env, w, prefix(w) + "-warmup-" + v.letter(), warmupInput(w), warmupOutput(w, v))) {
      warmup.start();
      probe.awaitCount(warmupOutput(w, v), Events.kept(options.warmupRecords()), warmup);
    }
  }

  private VariantResult measure(Variant v, int round) throws Exception {
    // Garbage left by the previous variant is not this one's to collect.
    System.gc();
    String input = input(options.workload(), v, round);
    String output = output(options.workload(), v, round);
    progress.printf("%s: round %d, measuring %,d events%n", v.label(), round, options.records());
    try (Pipeline pipeline = v.create(env, options.workload(), prefix(options.workload()) + "-run-" + v.letter() + "-r" + round, input, output)) {
      MachineLoad.Sample before = MachineLoad.sample();
      pipeline.start();
      probe.awaitCount(output, Events.kept(options.records()), pipeline);
      double othersCpu = before.othersShareUntil(MachineLoad.sample());
      OutputProbe.AppendSpan span = probe.appendSpan(output);
      long outputs = probe.count(output);
      progress.printf("%s: round %d, %,d output records in %.2f s = %,.0f records/s (other processes: %.0f%% of "
          + "the CPUs)%n", v.label(), round, outputs, span.seconds(), outputs / span.seconds(), othersCpu * 100);
      Histogram latency = latency(v, input, output, pipeline, outputs);
      return new VariantResult(v, round, outputs, span.seconds(), latency, othersCpu);
    }
  }

  /** Writes paced events into the running pipeline's input and reads back their latencies. */
  private Histogram latency(Variant v, String input, String output, Pipeline pipeline, long outputsSoFar)
      throws InterruptedException {
    if (options.latencySeconds() == 0) {
      return new Histogram(3);
    }
    progress.printf("%s: latency at %,d events/s for %d s%n", v.label(), options.latencyRate(),
        options.latencySeconds());
    Map<TopicPartition, Long> before = probe.endOffsets(output);
    long first = options.records();
    long written = writer.paced(input, first, options.latencyRate(), Duration.ofSeconds(options.latencySeconds()));
    long kept = Events.kept(first + written) - Events.kept(first);
    probe.awaitCount(output, outputsSoFar + kept, pipeline);
    return probe.latencies(output, before);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
