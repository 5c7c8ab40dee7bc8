package dev.sluice.dataplane.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one stage that runs outside the topology (an out-of-process stage), written by its
 * thread and read by metrics: records it read, records it wrote on, and records it failed on.
 */
public final class StageCounters {

  private final AtomicLong in = new AtomicLong();
  private final AtomicLong out = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();

  /** Records the stage read. */
  public long in() {
    return in.get();
  }

  /** Records the stage wrote to the topic after it. */
  public long out() {
    return out.get();
  }

  /** Records the stage failed on, whatever the policy did with them. */
  public long errors() {
    return errors.get();
  }

  /** Counts {@code records} read. */
  public void countIn(int records) {
    in.addAndGet(records);
  }

  /** Counts {@code records} written. */
  public void countOut(int records) {
    out.addAndGet(records);
  }

  /** Counts a record failed on. */
  public void countError() {
    errors.incrementAndGet();
  }
}
