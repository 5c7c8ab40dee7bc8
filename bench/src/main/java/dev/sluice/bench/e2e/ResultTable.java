package dev.sluice.bench.e2e;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The benchmark's report: one row per variant, then the ratios the issue sets targets for. */
final class ResultTable {

  private static final double TARGET_C_OVER_A = 0.85;
  private static final double TARGET_C_OVER_B = 0.95;

  private ResultTable() {}

  static String render(List<VariantResult> results, BenchmarkOptions options) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("%n%,d input records (%,d kept by the filter); latency at %,d records/s for %d s%n",
        options.records(), Events.kept(options.records()), options.latencyRate(), options.latencySeconds()));
    out.append(String.format("%-26s %12s %10s %10s %10s%n", "variant", "records/s", "seconds", "p50 ms", "p99 ms"));
    Map<Variant, VariantResult> byVariant = new EnumMap<>(Variant.class);
    for (VariantResult r : results) {
      byVariant.put(r.variant(), r);
      out.append(String.format("%-26s %,12.0f %10.2f %10.1f %10.1f%n", r.variant().label(), r.recordsPerSecond(),
          r.seconds(), r.latencyMillis(50), r.latencyMillis(99)));
    }
    ratio(out, byVariant, Variant.LOOP, TARGET_C_OVER_A);
    ratio(out, byVariant, Variant.STREAMS, TARGET_C_OVER_B);
    return out.toString();
  }

  private static void ratio(StringBuilder out, Map<Variant, VariantResult> results, Variant base, double target) {
    VariantResult sluice = results.get(Variant.SLUICE);
    VariantResult other = results.get(base);
    if (sluice == null || other == null) {
      return;
    }
    double ratio = sluice.recordsPerSecond() / other.recordsPerSecond();
    out.append(String.format("c/%s throughput = %.2f (target >= %.2f: %s)%n", base.letter(), ratio, target,
        ratio >= target ? "met" : "MISSED"));
  }
}
