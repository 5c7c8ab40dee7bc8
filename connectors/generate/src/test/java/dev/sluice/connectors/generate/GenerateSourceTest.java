package dev.sluice.connectors.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Problem;
import dev.sluice.api.component.SourceRecord;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.record.Record;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class GenerateSourceTest {

  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);

  private final FakeTime time = new FakeTime();

  private GenerateSource started(TestSourceContext context) throws ComponentException {
    GenerateSource source = new GenerateSource(CLOCK, time, time);
    source.start(context);
    return source;
  }

  /** Polls until the source is exhausted; the seqs of every record, in order. */
  private static List<Long> drain(GenerateSource source) throws ComponentException {
    List<Long> seqs = new ArrayList<>();
    while (!source.exhausted()) {
      source.poll(POLL).forEach(r -> seqs.add(seq(r)));
    }
    assertThat(source.poll(POLL)).isEmpty();
    return seqs;
  }

  private static long seq(SourceRecord record) {
    return ((Number) record.position().get("seq")).longValue();
  }

  @Test
  void threeInstancesTogetherGenerateExactlyCountWithoutOverlap() throws ComponentException {
    Map<String, Object> config = Map.of("template", "{\"id\": $seq}", "count", 2000L, "rate", 0L);
    List<Long> all = new ArrayList<>();
    for (int instance = 0; instance < 3; instance++) {
      List<Long> seqs = drain(started(new TestSourceContext(instance, 3, config)));
      int i = instance;
      assertThat(seqs).allMatch(s -> s % 3 == i).isSorted();
      all.addAll(seqs);
    }

    assertThat(all).hasSize(2000).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 2000).boxed().toList());
  }

  @Test
  void anInstanceBeyondTheCountIsExhaustedAtOnce() throws ComponentException {
    GenerateSource third =
        started(new TestSourceContext(2, 3, Map.of("template", "$seq", "count", 2L)));

    assertThat(third.exhausted()).isTrue();
    assertThat(third.poll(POLL)).isEmpty();
  }

  @Test
  void resumesAfterTheCommittedSeqWithoutDuplicatesOrGaps() throws ComponentException {
    Map<String, Object> config = Map.of("template", "{\"id\": $seq}", "count", 3000L, "rate", 0L);
    List<SourceRecord> firstRun = started(new TestSourceContext(0, 2, config)).poll(POLL);
    assertThat(firstRun).hasSize(GenerateSource.MAX_BATCH);
    // The worker died after 301 records reached Kafka; the rest of the batch was lost.
    Map<String, Object> committed = firstRun.get(300).position();

    List<Long> secondRun = drain(started(
        new TestSourceContext(0, 2, config, Optional.of(committed))));

    List<Long> all = new ArrayList<>();
    firstRun.subList(0, 301).forEach(r -> all.add(seq(r)));
    all.addAll(secondRun);
    assertThat(secondRun.get(0)).isEqualTo(602L);
    assertThat(all)
        .containsExactlyElementsOf(LongStream.range(0, 1500).map(s -> s * 2).boxed().toList());
  }

  @Test
  void resumesOnItsOwnSeqsEvenWhenThePositionCameFromAnotherParallelism() throws ComponentException {
    Map<String, Object> config = Map.of("template", "$seq", "count", 30L, "rate", 0L);

    // 14 belongs to instance 2 of 3; instance 1 goes on with its next seq after it, 16.
    assertThat(drain(started(new TestSourceContext(1, 3, config, Optional.of(Map.of("seq", 14))))))
        .containsExactly(16L, 19L, 22L, 25L, 28L);
  }

  @Test
  void pacesEachInstanceAtItsShareOfTheRate() throws ComponentException {
    // 10 records/s for the stream, 2 instances: one record every 200 ms per instance.
    GenerateSource source =
        started(new TestSourceContext(0, 2, Map.of("template", "$seq", "rate", 10L)));

    List<Long> seqs = new ArrayList<>();
    for (int poll = 0; poll < 10; poll++) {
      source.poll(POLL).forEach(r -> seqs.add(seq(r)));
    }

    assertThat(seqs).containsExactly(0L, 2L, 4L, 6L, 8L, 10L, 12L, 14L, 16L, 18L);
    assertThat(time.slept()).isEqualTo(Duration.ofMillis(9 * 200));
  }

  @Test
  void waitsNoLongerThanThePollTimeout() throws ComponentException {
    GenerateSource source =
        started(new TestSourceContext(0, 1, Map.of("template", "$seq", "rate", 1L)));
    assertThat(source.poll(POLL)).hasSize(1);

    assertThat(source.poll(Duration.ofMillis(300))).isEmpty();
    assertThat(time.slept()).isEqualTo(Duration.ofMillis(300));
    assertThat(source.poll(POLL)).hasSize(1);
    assertThat(time.slept()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void catchesUpAtMostOneSecondAfterAStall() throws ComponentException {
    GenerateSource source =
        started(new TestSourceContext(0, 1, Map.of("template", "$seq", "rate", 5L)));
    assertThat(source.poll(POLL)).hasSize(1);

    time.advance(Duration.ofSeconds(10));

    // One second's worth (5) plus the one due now, not the 50 the stall would allow.
    assertThat(source.poll(POLL)).hasSize(6);
  }

  @Test
  void asFastAsPossibleNeverSleepsAndFillsBatches() throws ComponentException {
    GenerateSource source =
        started(new TestSourceContext(0, 1, Map.of("template", "$seq", "rate", 0L)));

    assertThat(source.poll(POLL)).hasSize(GenerateSource.MAX_BATCH);
    assertThat(source.poll(POLL)).hasSize(GenerateSource.MAX_BATCH);
    assertThat(source.exhausted()).isFalse();
    assertThat(time.slept()).isZero();
  }

  @Test
  void buildsValueKeyAndTimestamp() throws ComponentException {
    GenerateSource source = started(new TestSourceContext(0, 1, Map.of(
        "template", "{\"id\": $seq, \"customer\": \"c-\" & $string($seq % 7)}",
        "key", "customer", "count", 1L, "rate", 0L)));

    Record record = source.poll(POLL).get(0).record();

    assertThat(record.value()).isEqualTo(Map.of("id", 0L, "customer", "c-0"));
    assertThat(record.key()).isEqualTo("c-0");
    assertThat(record.timestamp()).isEqualTo(1_700_000_000_000L);
    assertThat(source.exhausted()).isTrue();
  }

  @Test
  void aTemplateThatFailsHandsOverWhatWasMadeThenFailsOnThatSeq() throws ComponentException {
    GenerateSource source = started(new TestSourceContext(0, 1, Map.of(
        "template", "$seq = 3 ? $error('no three') : {\"id\": $seq}", "rate", 0L)));

    assertThat(source.poll(POLL)).extracting(GenerateSourceTest::seq).containsExactly(0L, 1L, 2L);
    assertThatThrownBy(() -> source.poll(POLL))
        .isInstanceOf(PermanentException.class)
        .hasMessageStartingWith("generate failed at seq 3: evaluation failed")
        .hasMessageContaining("no three");
  }

  @Test
  void aTemplateThatGivesNothingIsAnError() throws ComponentException {
    GenerateSource source =
        started(new TestSourceContext(0, 1, Map.of("template", "nothing", "rate", 0L)));

    assertThatThrownBy(() -> source.poll(POLL))
        .isInstanceOf(PermanentException.class)
        .hasMessage("generate's template gave nothing at seq 0; make it always build a value, "
            + "such as {\"id\": $seq}");
  }

  @Test
  void refusesExpressionsThatDoNotCompileAndPositionsWithoutASeq() {
    Map<String, Object> broken = Map.of("template", "{\"id\": }", "key", "a +");
    assertThatThrownBy(() -> started(new TestSourceContext(0, 1, broken)))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .extracting(Problem::path).containsExactly("template", "key"));
    assertThatThrownBy(() -> started(new TestSourceContext(0, 1, Map.of("template", "$seq"),
        Optional.of(Map.of("offset", 3)))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("no whole-number 'seq'");
  }

  @Test
  void theSpecsExamplesCompile() throws ComponentException {
    for (String template : GenerateInputProvider.SPEC.field("template").orElseThrow().examples()) {
      for (String key : GenerateInputProvider.SPEC.field("key").orElseThrow().examples()) {
        GenerateSource source = started(new TestSourceContext(0, 1,
            Map.of("template", template, "key", key, "count", 1L)));
        assertThat(source.poll(POLL)).hasSize(1);
      }
    }
  }
}
