package dev.sluice.bench.e2e;

import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The settings of one {@link EndToEndBenchmark} run, read from its command line ({@code
 * --name=value} or {@code --name value}) by picocli.
 *
 * @param records events in each variant's backlog, per round
 * @param warmupRecords events each variant processes once before the first round, unmeasured; 0
 *     skips the warm-up
 * @param latencyRate events per second written while measuring latency
 * @param latencySeconds how long latency is measured; 0 skips it
 * @param variants which variants run, in this order in the first round
 * @param warmupRounds rounds run first, like the others, but left out of the medians
 * @param rounds rounds whose results the medians are taken over; each round, warm-up or not, starts
 *     one variant later in {@code variants} than the one before
 * @param broker where the broker runs: in the benchmark's JVM or in a JVM of its own
 * @param workload what the pipelines do to each event
 */
record BenchmarkOptions(long records, long warmupRecords, int latencyRate, int latencySeconds,
    List<Variant> variants, int warmupRounds, int rounds, BrokerPlacement broker, Workload workload) {

  /** Warm-up and counted rounds. */
  int totalRounds() {
    return warmupRounds + rounds;
  }

  /** Whether round {@code round} (from 1) counts towards the medians. */
  boolean counted(int round) {
    return round > warmupRounds;
  }

  /** What the benchmark does with options read from the command line. */
  @FunctionalInterface
  interface Run {
    void run(BenchmarkOptions options) throws Exception;
  }

  /**
   * The command line: {@code execute(args)} parses {@code args}, prints a clear error and the usage
   * (exit code 2) when they are wrong, prints the usage for {@code --help}, and otherwise hands
   * the options to {@code run}.
   */
  static CommandLine commandLine(Run run) {
    return new CommandLine(new Arguments(run));
  }

  /**
   * Reads {@code args} over the defaults, without running anything.
   *
   * @throws ParameterException naming the option, its value and what to write instead
   */
  static BenchmarkOptions parse(String... args) {
    CommandLine cli = new CommandLine(new Arguments(options -> {}));
    cli.parseArgs(args);
    return cli.<Arguments>getCommand().options();
  }

  /** The picocli command: the options as fields, checked into {@link BenchmarkOptions}. */
  @Command(name = "bench/run-e2e", sortOptions = false, usageHelpAutoWidth = true,
      description = "Runs the end-to-end benchmark (bench/README.md): (a) a consume-produce loop, (b) a Kafka "
          + "Streams app and (c) a Sluice stream over the same input on one broker, in rounds.")
  static final class Arguments implements Callable<Integer> {

    private final Run run;

    @Spec CommandSpec spec;

    @Option(names = "--records", paramLabel = "N", defaultValue = "1000000", converter = WholeNumber.class,
        description = "Events in each variant's backlog, per round (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--warmup-records", paramLabel = "N", defaultValue = "100000", converter = WholeNumber.class,
        description = "Events each variant processes once before the first round, unmeasured; 0 skips it "
            + "(default: ${DEFAULT-VALUE}).")
    long warmupRecords;

    @Option(names = "--latency-rate", paramLabel = "N", defaultValue = "20000", converter = WholeNumber.class,
        description = "Events per second written while measuring latency (default: ${DEFAULT-VALUE}).")
    long latencyRate;

    @Option(names = "--latency-seconds", paramLabel = "N", defaultValue = "5", converter = WholeNumber.class,
        description = "How long latency is measured per variant and round; 0 skips it (default: ${DEFAULT-VALUE}).")
    long latencySeconds;

    @Option(names = "--variants", paramLabel = "LETTER", defaultValue = "a,b,c", split = ",",
        converter = VariantLetter.class,
        description = "Which variants run, in this order in round 1 (default: ${DEFAULT-VALUE}).")
    List<Variant> variants;

    @Option(names = "--warmup-rounds", paramLabel = "N", defaultValue = "1", converter = WholeNumber.class,
        description = "Rounds run first and left out of the medians: the first round in a JVM is slower than later "
            + "ones (default: ${DEFAULT-VALUE}).")
    long warmupRounds;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", converter = WholeNumber.class,
        description = "Rounds the medians are taken over; every round measures each variant once over fresh topics, "
            + "starting one variant later than the round before (a,b,c / b,c,a / c,a,b) "
            + "(default: ${DEFAULT-VALUE}).")
    long rounds;

    @Option(names = "--broker", paramLabel = "WHERE", defaultValue = "own-jvm", converter = Placement.class,
        description = "own-jvm: the broker runs in a child JVM; same-jvm: inside the benchmark's "
            + "(default: ${DEFAULT-VALUE}).")
    BrokerPlacement broker;

    @Option(names = "--workload", paramLabel = "NAME", defaultValue = "filter-map", converter = WorkloadName.class,
        description = "filter-map: issue 4's filter + mapping; five-stage: filter, enrich and a windowed aggregate "
            + "per event type, as examples/five-stage-pipeline.yaml; variants b and c only (default: ${DEFAULT-VALUE}).")
    Workload workload;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Shows this help.")
    boolean help;

    Arguments(Run run) {
      this.run = run;
    }

    @Override
    public Integer call() throws Exception {
      run.run(options());
      return 0;
    }

    /** The options, checked. */
    BenchmarkOptions options() {
      if (new HashSet<>(variants).size() != variants.size()) {
        throw error("--variants: '" + letters() + "' names a variant twice; name each once, e.g. --variants=a,b,c");
      }
      if (!spec.commandLine().getParseResult().hasMatchedOption("--variants")) {
        variants = variants.stream().filter(workload::runs).toList(); // the default: every variant that can
      }
      for (Variant v : variants) {
        if (!workload.runs(v)) {
          throw error("--variants: '" + letters() + "' includes " + v.label() + ", which cannot run --workload="
              + workload.word() + " (it has no windows); leave it out, e.g. --variants=b,c");
        }
      }
      return new BenchmarkOptions(atLeast("--records", records, 1), atLeast("--warmup-records", warmupRecords, 0),
          small("--latency-rate", latencyRate, 1), small("--latency-seconds", latencySeconds, 0),
          List.copyOf(variants), small("--warmup-rounds", warmupRounds, 0), small("--rounds", rounds, 1), broker,
          workload);
    }

    private long atLeast(String option, long value, long min) {
      if (value < min) {
        throw error(option + ": '" + value + "' is too small; write a whole number >= " + min + ", e.g. "
            + example(option));
      }
      return value;
    }

    private int small(String option, long value, int min) {
      if (value < min || value > Integer.MAX_VALUE) {
        throw error(option + ": '" + value + "' is out of range; write a whole number from " + min + " to "
            + Integer.MAX_VALUE + ", e.g. " + example(option));
      }
      return (int) value;
    }

    /** {@code --name=default}. */
    private String example(String option) {
      return option + "=" + spec.findOption(option).defaultValue();
    }

    private String letters() {
      return String.join(",", variants.stream().map(Variant::letter).toList());
    }

    private ParameterException error(String message) {
      return new ParameterException(spec.commandLine(), message);
    }
  }

  /** A whole number, with {@code _} allowed between digits: {@code 1_000_000}. */
  static final class WholeNumber implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return Long.parseLong(value.replace("_", ""));
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a whole number; write digits, e.g. 1000000");
      }
    }
  }

  /** A variant letter: a, b or c. */
  static final class VariantLetter implements ITypeConverter<Variant> {
    @Override
    public Variant convert(String value) {
      try {
        return Variant.ofLetter(value.strip());
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code filter-map} or {@code five-stage}. */
  static final class WorkloadName implements ITypeConverter<Workload> {
    @Override
    public Workload convert(String value) {
      try {
        return Workload.of(value.strip());
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code own-jvm} or {@code same-jvm}. */
  static final class Placement implements ITypeConverter<BrokerPlacement> {
    @Override
    public BrokerPlacement convert(String value) {
      return BrokerPlacement.of(value);
    }
  }
}
