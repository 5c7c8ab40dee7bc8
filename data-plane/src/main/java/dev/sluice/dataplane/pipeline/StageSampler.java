package dev.sluice.dataplane.pipeline;

import dev.sluice.api.record.Record;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Samples what each processor of a running stream hands on, for the live tap: at most one record
 * per stage per tick of {@code tick}, handed to {@code sink} on the task's thread. The input as
 * decoded is not sampled (the tap reads the input topic itself).
 *
 * <p>Costs a map lookup and a volatile read per stage and record; a clock is never read here, so
 * the owner of {@code tick} decides the rate. Thread-safe: the stream threads of an instance
 * share one sampler, and at most one of them takes a stage's sample of a tick.
 */
public final class StageSampler implements StageTrace {

  private final LongSupplier tick;
  private final BiConsumer<String, Record> sink;
  /** The last tick each stage was sampled in. */
  private final Map<String, AtomicLong> sampled = new ConcurrentHashMap<>();

  /**
   * @param tick the current tick; it only ever grows
   * @param sink receives the stage's name and the record sampled
   */
  public StageSampler(LongSupplier tick, BiConsumer<String, Record> sink) {
    this.tick = tick;
    this.sink = sink;
  }

  @Override
  public void passed(String stage, List<Record> records) {
    if (records.isEmpty() || stage.equals(DecodeStage.NAME)) {
      return;
    }
    long now = tick.getAsLong();
    AtomicLong last = sampled.computeIfAbsent(stage, s -> new AtomicLong(-1));
    long before = last.get();
    if (before < now && last.compareAndSet(before, now)) {
      sink.accept(stage, records.get(0));
    }
  }
}
