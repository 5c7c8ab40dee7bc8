package dev.sluice.bench.e2e;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The benchmark's report: each round's records/s per variant, then per variant the median over the
 * rounds with its spread, and the ratios of the medians the issue sets targets for.
 */
final class ResultTable {

  private static final double TARGET_C_OVER_A = 0.85;
  private static final double TARGET_C_OVER_B = 0.95;

  private ResultTable() {}

  /** One line for a finished round: {@code round 2 (b,c,a): (b) 150,000 ... records/s; c/a ...}. */
  static String renderRound(int round, BenchmarkOptions options, List<VariantResult> measured) {
    String rates = measured.stream()
        .map(r -> String.format("(%s) %,.0f", r.variant().letter(), r.recordsPerSecond()))
        .collect(Collectors.joining("  "));
    return String.format("round %d (%s)%s: %s records/s%s%n", round, order(measured),
        options.counted(round) ? "" : ", warm-up", rates, ratios(rates(measured)));
  }

  /** The final table over all rounds. */
  static String render(List<VariantResult> results, BenchmarkOptions options) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("%nworkload %s: %,d input records per round (%,d kept by the filter), %d warm-up and "
            + "%d counted round(s), broker: %s; latency at %,d records/s for %d s%n", options.workload().word(),
        options.records(), Events.kept(options.records()), options.warmupRounds(), options.rounds(), options.broker().word(),
        options.latencyRate(), options.latencySeconds()));
    Map<Integer, List<VariantResult>> byRound = new TreeMap<>();
    Map<Variant, List<VariantResult>> byVariant = new EnumMap<>(Variant.class);
    for (VariantResult r : results) {
      byRound.computeIfAbsent(r.round(), k -> new ArrayList<>()).add(r);
      if (options.counted(r.round())) {
        byVariant.computeIfAbsent(r.variant(), k -> new ArrayList<>()).add(r);
      }
    }
    appendRounds(out, byRound, options);
    Map<Integer, List<VariantResult>> counted = new TreeMap<>(byRound);
    counted.keySet().removeIf(round -> !options.counted(round));
    out.append(String.format("%n%-26s %12s %21s %8s %8s%n", "median of counted rounds", "records/s", "min - max",
        "p50 ms", "p99 ms"));
    Map<Variant, Double> medians = new EnumMap<>(Variant.class);
    byVariant.forEach((v, rs) -> {
      double median = median(rs, VariantResult::recordsPerSecond);
      medians.put(v, median);
      out.append(String.format("%-26s %,12.0f %,10.0f - %,8.0f %8.1f %8.1f%n", v.label(), median,
          min(rs, VariantResult::recordsPerSecond), max(rs, VariantResult::recordsPerSecond),
          median(rs, r -> r.latencyMillis(50)), median(rs, r -> r.latencyMillis(99))));
    });
    // The targets are issue 4's, for its filter + map pipeline; other workloads print the ratios only.
    boolean targets = options.workload() == Workload.FILTER_MAP;
    ratio(out, medians, counted.values(), Variant.LOOP, targets ? TARGET_C_OVER_A : Double.NaN);
    ratio(out, medians, counted.values(), Variant.STREAMS, targets ? TARGET_C_OVER_B : Double.NaN);
    return out.toString();
  }

  /** {@code a,b,c}. */
  static String letters(List<Variant> variants) {
    return variants.stream().map(Variant::letter).collect(Collectors.joining(","));
  }

  private static String order(List<VariantResult> measured) {
    return letters(measured.stream().map(VariantResult::variant).toList());
  }

  /** Records/s by variant. */
  private static Map<Variant, Double> rates(List<VariantResult> measured) {
    Map<Variant, Double> rate = new EnumMap<>(Variant.class);
    measured.forEach(r -> rate.put(r.variant(), r.recordsPerSecond()));
    return rate;
  }

  private static void appendRounds(StringBuilder out, Map<Integer, List<VariantResult>> byRound,
      BenchmarkOptions options) {
    List<Variant> variants = options.variants().stream().sorted().toList();
    out.append(String.format("%nrecords/s by round (others: the most CPU other processes took during one of the "
        + "round's runs)%n%-5s %-7s", "round", "order"));
    variants.forEach(v -> out.append(String.format(" %10s", "(" + v.letter() + ")")));
    out.append(String.format(" %6s %6s %7s%n", "c/a", "c/b", "others"));
    byRound.forEach((round, measured) -> {
      Map<Variant, Double> rate = rates(measured);
      out.append(String.format("%-5d %-7s", round, order(measured)));
      variants.forEach(v -> out.append(String.format(" %,10.0f", rate.get(v))));
      double others = measured.stream().mapToDouble(VariantResult::othersCpu).max().orElse(Double.NaN);
      out.append(String.format(" %6s %6s %6.0f%%%s%n", ratio(rate, Variant.LOOP), ratio(rate, Variant.STREAMS),
          others * 100, options.counted(round) ? "" : "  (warm-up, not counted)"));
    });
  }

  private static String ratios(Map<Variant, Double> rate) {
    String ca = ratio(rate, Variant.LOOP);
    String cb = ratio(rate, Variant.STREAMS);
    return (ca.isEmpty() ? "" : "; c/a " + ca) + (cb.isEmpty() ? "" : "; c/b " + cb);
  }

  private static String ratio(Map<Variant, Double> rate, Variant base) {
    Double sluice = rate.get(Variant.SLUICE);
    Double other = rate.get(base);
    return sluice == null || other == null ? "" : String.format("%.2f", sluice / other);
  }

  private static void ratio(StringBuilder out, Map<Variant, Double> medians, Collection<List<VariantResult>> rounds,
      Variant base, double target) {
    Double sluice = medians.get(Variant.SLUICE);
    Double other = medians.get(base);
    if (sluice == null || other == null) {
      return;
    }
    double ratio = sluice / other;
    double[] perRound = rounds.stream().map(ResultTable::rates)
        .mapToDouble(rate -> rate.get(Variant.SLUICE) / rate.get(base)).sorted().toArray();
    out.append(String.format("c/%s = %.2f (median c / median %s; per round %.2f - %.2f)%s%n",
        base.letter(), ratio, base.letter(), perRound[0], perRound[perRound.length - 1],
        Double.isNaN(target) ? "" : String.format(", target >= %.2f: %s", target, ratio >= target ? "met" : "MISSED")));
  }

  private static double median(List<VariantResult> results, ToDoubleFunction<VariantResult> value) {
    double[] sorted = results.stream().mapToDouble(value).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static double min(List<VariantResult> results, ToDoubleFunction<VariantResult> value) {
    return results.stream().mapToDouble(value).min().orElse(Double.NaN);
  }

  private static double max(List<VariantResult> results, ToDoubleFunction<VariantResult> value) {
    return results.stream().mapToDouble(value).max().orElse(Double.NaN);
  }
}
