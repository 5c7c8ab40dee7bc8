package dev.sluice.dataplane.worker;

import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.SinkConnector;
import dev.sluice.api.component.SinkConnectorProvider;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.record.Record;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test output that refuses its first {@code busyWrites} batches as retriable (a destination that
 * is down), refuses records whose {@code seq} is a multiple of 1,000 for good, and otherwise keeps
 * the {@code seq} of every record it accepted.
 */
final class FlakySink implements SinkConnectorProvider {

  final Set<Long> delivered = ConcurrentHashMap.newKeySet();
  final AtomicInteger refusedBatches = new AtomicInteger();
  private final int busyWrites;

  FlakySink(int busyWrites) {
    this.busyWrites = busyWrites;
  }

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("flaky", ComponentKind.OUTPUT, "test output", ConfigSpec.EMPTY);
  }

  @Override
  public SinkConnector create() {
    return new SinkConnector() {
      @Override
      public void start(ComponentContext context) {}

      @Override
      public void write(List<Record> batch) throws RetriableException, PermanentException {
        if (refusedBatches.get() < busyWrites) {
          refusedBatches.incrementAndGet();
          throw new RetriableException("destination answers 503", null, Duration.ofMillis(50));
        }
        for (int i = 0; i < batch.size(); i++) {
          long seq = ((Number) ((Map<?, ?>) batch.get(i).value()).get("seq")).longValue();
          if (seq % 1_000 == 0) {
            throw new PermanentException("destination refuses record " + seq, null, i);
          }
          delivered.add(seq);
        }
      }

      @Override
      public void close() {}
    };
  }
}
