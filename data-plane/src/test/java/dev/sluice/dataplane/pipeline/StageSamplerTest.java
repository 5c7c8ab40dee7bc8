package dev.sluice.dataplane.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.record.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StageSamplerTest {

  private final AtomicLong tick = new AtomicLong();
  private final List<String> samples = new ArrayList<>();
  private final StageSampler sampler = new StageSampler(tick::get,
      (stage, record) -> samples.add(stage + "=" + record.value()));

  private static List<Record> values(Object... values) {
    List<Record> records = new ArrayList<>();
    for (Object v : values) {
      records.add(Record.of(v, 0));
    }
    return records;
  }

  @Test
  void takesTheFirstRecordOfEachStagePerTick() {
    sampler.passed("p0-mapping", values("a", "b"));
    sampler.passed("p0-mapping", values("c"));
    sampler.passed("p1-filter", values("d"));
    assertThat(samples).containsExactly("p0-mapping=a", "p1-filter=d");

    tick.incrementAndGet();
    sampler.passed("p0-mapping", values("e"));
    sampler.passed("p0-mapping", values("f"));
    assertThat(samples).containsExactly("p0-mapping=a", "p1-filter=d", "p0-mapping=e");
  }

  @Test
  void skipsDroppedRecordsAndTheDecodedInput() {
    sampler.passed("p0-filter", List.of());
    sampler.passed(DecodeStage.NAME, values("raw"));
    assertThat(samples).isEmpty();
    sampler.passed("p0-filter", values("kept"));
    assertThat(samples).containsExactly("p0-filter=kept");
  }
}
