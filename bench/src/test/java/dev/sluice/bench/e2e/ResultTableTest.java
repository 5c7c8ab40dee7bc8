package dev.sluice.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The final table: medians and spreads over the counted rounds only, and the ratios of medians. */
class ResultTableTest {

  @Test
  void mediansLeaveTheWarmUpRoundsOut() {
    BenchmarkOptions options = BenchmarkOptions.parse("--records=1000", "--warmup-rounds=1", "--rounds=3");
    List<VariantResult> results = new ArrayList<>();
    // records/s per round: (a) 10, 200, 100, 300  (b) 10, 100, 100, 100  (c) 10, 90, 96, 100
    double[][] rates = {{10, 200, 100, 300}, {10, 100, 100, 100}, {10, 90, 96, 100}};
    for (int round = 1; round <= 4; round++) {
      for (Variant v : Variant.values()) {
        results.add(result(v, round, rates[v.ordinal()][round - 1]));
      }
    }

    String table = ResultTable.render(results, options);

    assertThat(table).contains("1 warm-up and 3 counted round(s)");
    assertThat(table).containsPattern("1 +a,b,c +10 +10 +10 +1\\.00 +1\\.00 +5%  \\(warm-up, not counted\\)");
    assertThat(table).containsPattern("\\(a\\) consume-produce loop +200 +100 - +300");
    assertThat(table).containsPattern("\\(c\\) Sluice stream +96 +90 - +100");
    assertThat(table).contains("c/a = 0.48 (median c / median a; per round 0.33 - 0.96), target >= 0.85: MISSED");
    assertThat(table).contains("c/b = 0.96 (median c / median b; per round 0.90 - 1.00), target >= 0.95: met");
  }

  /** {@code perSecond} records/s: 1000 outputs over {@code 1000 / perSecond} s, no latencies. */
  private static VariantResult result(Variant v, int round, double perSecond) {
    return new VariantResult(v, round, 1_000, 1_000 / perSecond, new Histogram(3), 0.05);
  }
}
