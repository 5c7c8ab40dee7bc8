package dev.sluice.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The benchmark's command line: defaults, values, errors, and the order of rounds. */
class BenchmarkOptionsTest {

  @Test
  void defaultsAreTheIssuesWorkloadInAWarmUpAndThreeCountedRounds() {
    assertThat(BenchmarkOptions.parse()).isEqualTo(new BenchmarkOptions(1_000_000, 100_000, 20_000, 5,
        List.of(Variant.LOOP, Variant.STREAMS, Variant.SLUICE), 1, 3, BrokerPlacement.OWN_JVM, Workload.FILTER_MAP));
  }

  @Test
  void readsEveryOptionWithOrWithoutEqualsSign() {
    BenchmarkOptions o = BenchmarkOptions.parse("--records=1_000", "--warmup-records", "0", "--latency-rate=500",
        "--latency-seconds=0", "--variants=c, a", "--warmup-rounds=0", "--rounds=5", "--broker=same-jvm",
        "--workload", "filter-map");

    assertThat(o).isEqualTo(new BenchmarkOptions(1_000, 0, 500, 0, List.of(Variant.SLUICE, Variant.LOOP), 0, 5,
        BrokerPlacement.SAME_JVM, Workload.FILTER_MAP));
  }

  @Test
  void theFiveStageWorkloadRunsTheVariantsWithWindows() {
    assertThat(BenchmarkOptions.parse("--workload=five-stage").variants())
        .containsExactly(Variant.STREAMS, Variant.SLUICE);
    assertThatThrownBy(() -> BenchmarkOptions.parse("--workload=five-stage", "--variants=a,c"))
        .hasMessage("--variants: 'a,c' includes (a) consume-produce loop, which cannot run --workload=five-stage "
            + "(it has no windows); leave it out, e.g. --variants=b,c");
    assertThatThrownBy(() -> BenchmarkOptions.parse("--workload=fivestage"))
        .hasMessageContainingAll("--workload", "unknown workload 'fivestage'", "five-stage");
  }

  @Test
  void errorsNameTheOptionTheValueAndTheFix() {
    assertThatThrownBy(() -> BenchmarkOptions.parse("--rounds=0")).isInstanceOf(ParameterException.class)
        .hasMessage("--rounds: '0' is out of range; write a whole number from 1 to 2147483647, e.g. --rounds=3");
    assertThatThrownBy(() -> BenchmarkOptions.parse("--records=1e6"))
        .hasMessageContainingAll("--records", "'1e6' is not a whole number", "e.g. 1000000");
    assertThatThrownBy(() -> BenchmarkOptions.parse("--records=0"))
        .hasMessage("--records: '0' is too small; write a whole number >= 1, e.g. --records=1000000");
    assertThatThrownBy(() -> BenchmarkOptions.parse("--variants=a,x"))
        .hasMessageContainingAll("--variants", "unknown variant 'x'", "--variants=a,b,c");
    assertThatThrownBy(() -> BenchmarkOptions.parse("--variants=a,a"))
        .hasMessageContaining("--variants: 'a,a' names a variant twice");
    assertThatThrownBy(() -> BenchmarkOptions.parse("--broker=docker"))
        .hasMessageContainingAll("--broker", "unknown broker placement 'docker'", "--broker=own-jvm");
    assertThatThrownBy(() -> BenchmarkOptions.parse("--record=5"))
        .hasMessageContaining("Unknown option: '--record=5'");
  }

  @Test
  void wrongArgumentsExitWithTwoAndTheUsage() {
    StringWriter err = new StringWriter();
    CommandLine cli = BenchmarkOptions.commandLine(options -> {
      throw new AssertionError("must not run");
    });
    cli.setErr(new PrintWriter(err));

    assertThat(cli.execute("--rounds=-1")).isEqualTo(2);
    assertThat(err.toString()).contains("--rounds: '-1' is out of range").contains("Usage: bench/run-e2e");
  }

  @Test
  void eachRoundStartsOneVariantLater() {
    List<Variant> all = List.of(Variant.LOOP, Variant.STREAMS, Variant.SLUICE);

    assertThat(EndToEndBenchmark.order(all, 1)).containsExactly(Variant.LOOP, Variant.STREAMS, Variant.SLUICE);
    assertThat(EndToEndBenchmark.order(all, 2)).containsExactly(Variant.STREAMS, Variant.SLUICE, Variant.LOOP);
    assertThat(EndToEndBenchmark.order(all, 3)).containsExactly(Variant.SLUICE, Variant.LOOP, Variant.STREAMS);
    assertThat(EndToEndBenchmark.order(all, 4)).containsExactly(Variant.LOOP, Variant.STREAMS, Variant.SLUICE);
  }
}
