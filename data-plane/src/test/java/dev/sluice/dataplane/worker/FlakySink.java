package dev.sluice.dataplane.worker;

import dev.sluice.api.component.Batching;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test output that refuses its first {@code refusedStarts} starts and its first {@code
 * busyWrites} batches as retriable (a destination that is down), refuses records whose {@code seq}
 * is a multiple of 1,000 for good, and otherwise keeps the {@code seq} of every record it
 * accepted and the size of every batch it was given.
 */
final class FlakySink implements SinkConnectorProvider {

  final Set<Long> delivered = ConcurrentHashMap.newKeySet();
  final AtomicInteger refusedBatches = new AtomicInteger();
  final AtomicInteger refusedStarts = new AtomicInteger();
  final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
  private final int busyWrites;
  private final int startsToRefuse;
  private final Batching batching;

  FlakySink(int busyWrites) {
    this(busyWrites, 0, Batching.DEFAULT);
  }

  FlakySink(int busyWrites, int startsToRefuse, Batching batching) {
    this.busyWrites = busyWrites;
    this.startsToRefuse = startsToRefuse;
    this.batching = batching;
  }

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("flaky", ComponentKind.OUTPUT, "test output", ConfigSpec.EMPTY);
  }

  @Override
  public SinkConnector create() {
    return new SinkConnector() {
      @Override
      public void start(ComponentContext context) throws RetriableException {
        if (refusedStarts.get() < startsToRefuse) {
          refusedStarts.incrementAndGet();
          throw new RetriableException("destination not reachable yet", null, Duration.ofMillis(50));
        }
      }

      @Override
      public Batching batching() {
        return batching;
      }

      @Override
      public void write(List<Record> batch) throws RetriableException, PermanentException {
        batchSizes.add(batch.size());
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
