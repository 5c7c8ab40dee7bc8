package dev.sluice.dataplane.worker;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.SourceConnector;
import dev.sluice.api.component.SourceConnectorProvider;
import dev.sluice.api.component.SourceContext;
import dev.sluice.api.component.SourceRecord;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.record.Record;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A test input that counts {@code seq} from after its committed position up to {@code total}
 * (exclusive), 100 per batch, as {@code {"seq": n}} keyed by {@code n}.
 */
final class CountingSource implements SourceConnectorProvider {

  private final long total;

  CountingSource(long total) {
    this.total = total;
  }

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("counting", ComponentKind.INPUT, "test input", ConfigSpec.EMPTY);
  }

  @Override
  public SourceConnector create() {
    return new SourceConnector() {
      private long next;

      @Override
      public void start(SourceContext context) {
        next = context.committedPosition().map(p -> ((Number) p.get("seq")).longValue() + 1).orElse(0L);
      }

      @Override
      public List<SourceRecord> poll(Duration timeout) {
        List<SourceRecord> batch = new ArrayList<>();
        while (next < total && batch.size() < 100) {
          batch.add(new SourceRecord(new Record(Long.toString(next), Map.of("seq", next), Map.of(), System.currentTimeMillis()),
              Map.of("seq", next)));
          next++;
        }
        return batch;
      }

      @Override
      public boolean exhausted() {
        return next >= total;
      }

      @Override
      public void close() {}
    };
  }
}
