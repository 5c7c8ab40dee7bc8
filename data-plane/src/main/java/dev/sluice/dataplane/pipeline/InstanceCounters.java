package dev.sluice.dataplane.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Counters of one stream instance, written by its processing threads and read by heartbeats and
 * metrics.
 */
public final class InstanceCounters {

  final AtomicLong in = new AtomicLong();
  final AtomicLong out = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  final AtomicLong deadLettered = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();
  final AtomicLong deduplicated = new AtomicLong();
  private final Map<String, StageCounters> stages = new ConcurrentSkipListMap<>();
  private volatile LongConsumer latencies = nanos -> {};

  /** Records read from the stream's input. */
  public long in() {
    return in.get();
  }

  /** Records written to the stream's output. */
  public long out() {
    return out.get();
  }

  /** Records a stage failed on, whatever the policy did with them. */
  public long errors() {
    return errors.get();
  }

  /** Records written to the dead-letter topic. */
  public long deadLettered() {
    return deadLettered.get();
  }

  /** Records the error policy dropped (not those a filter removed). */
  public long dropped() {
    return dropped.get();
  }

  /** Records a dedupe let through no further, as duplicates of earlier ones. */
  public long deduplicated() {
    return deduplicated.get();
  }

  /** The counters of the stage called {@code name} that runs outside the topology, made on first use. */
  public StageCounters stage(String name) {
    return stages.computeIfAbsent(name, n -> new StageCounters());
  }

  /** The counters of every stage outside the topology, by stage name. */
  public Map<String, StageCounters> stages() {
    return Map.copyOf(stages);
  }

  /** Sends each record's processing latency, in nanoseconds, to {@code latencies} from now on. */
  public void reportLatenciesTo(LongConsumer latencies) {
    this.latencies = latencies;
  }

  /** A record left the topology {@code nanos} after it entered it. */
  void latency(long nanos) {
    latencies.accept(nanos);
  }

  /** Counts a record the error policy dropped, outside the topology (a sink, say). */
  public void countDropped() {
    errors.incrementAndGet();
    dropped.incrementAndGet();
  }

  /** Counts a record dead-lettered outside the topology. */
  public void countDeadLettered() {
    errors.incrementAndGet();
    deadLettered.incrementAndGet();
  }
}
