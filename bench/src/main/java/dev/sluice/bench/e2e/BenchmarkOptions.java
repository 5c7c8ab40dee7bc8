package dev.sluice.bench.e2e;

import java.util.Arrays;
import java.util.List;

/**
 * The command line of {@link EndToEndBenchmark}, each option as {@code --name=value}.
 *
 * @param records events in each variant's backlog
 * @param warmupRecords events each variant processes first, unmeasured; 0 skips the warm-up
 * @param latencyRate events per second written while measuring latency
 * @param latencySeconds how long latency is measured; 0 skips it
 * @param variants which variants run, in this order
 */
record BenchmarkOptions(long records, long warmupRecords, int latencyRate, int latencySeconds,
    List<Variant> variants) {

  static final String USAGE = """
      usage: EndToEndBenchmark [--records=1000000] [--warmup-records=100000]
                               [--latency-rate=20000] [--latency-seconds=5] [--variants=a,b,c]""";

  static BenchmarkOptions defaults() {
    return new BenchmarkOptions(1_000_000, 100_000, 20_000, 5, List.of(Variant.values()));
  }

  /**
   * Reads {@code args} over the defaults.
   *
   * @throws IllegalArgumentException naming the option, its value and what to write instead
   */
  static BenchmarkOptions parse(String[] args) {
    BenchmarkOptions o = defaults();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      String value = eq < 0 ? "" : arg.substring(eq + 1);
      o = switch (name) {
        case "--records" -> new BenchmarkOptions(number(name, value, 1), o.warmupRecords, o.latencyRate,
            o.latencySeconds, o.variants);
        case "--warmup-records" -> new BenchmarkOptions(o.records, number(name, value, 0), o.latencyRate,
            o.latencySeconds, o.variants);
        case "--latency-rate" -> new BenchmarkOptions(o.records, o.warmupRecords,
            Math.toIntExact(number(name, value, 1)), o.latencySeconds, o.variants);
        case "--latency-seconds" -> new BenchmarkOptions(o.records, o.warmupRecords, o.latencyRate,
            Math.toIntExact(number(name, value, 0)), o.variants);
        case "--variants" -> new BenchmarkOptions(o.records, o.warmupRecords, o.latencyRate, o.latencySeconds,
            Arrays.stream(value.split(",")).map(String::strip).map(Variant::ofLetter).toList());
        default -> throw new IllegalArgumentException("unknown option '" + arg + "'\n" + USAGE);
      };
    }
    return o;
  }

  private static long number(String name, String value, long min) {
    try {
      long n = Long.parseLong(value.replace("_", ""));
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + ": '" + value + "' is not a whole number >= " + min
        + "; write e.g. " + name + "=" + Math.max(min, 1_000));
  }
}
