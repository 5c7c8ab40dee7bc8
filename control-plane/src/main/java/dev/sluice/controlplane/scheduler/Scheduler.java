package dev.sluice.controlplane.scheduler;

import dev.sluice.controlplane.outbox.ControlTopics;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every desired stream instance assigned to a live worker: runs an {@link
 * AssignmentReconciler} pass on its own thread every {@link SchedulerConfig#interval()}, and at
 * once when {@link #poke() poked} (a worker registered, a stream changed). Every control plane may
 * run one; passes of different control planes exclude each other in the database.
 *
 * <p>A failing pass (database unreachable) is logged and retried at the next interval. Thread-safe.
 */
public final class Scheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
  private static final long STOP_TIMEOUT_MS = 10_000;

  private final AssignmentReconciler reconciler;
  private final SchedulerConfig config;
  private final Semaphore wake = new Semaphore(0);
  private final Thread thread;
  private volatile boolean running = true;

  private Scheduler(AssignmentReconciler reconciler, SchedulerConfig config) {
    this.reconciler = reconciler;
    this.config = config;
    this.thread = Thread.ofPlatform().name("sluice-scheduler").daemon().unstarted(this::run);
  }

  /**
   * Starts scheduling on a new thread; the first pass runs at once.
   *
   * @param jdbi the control plane database, migrated
   * @param topics where assignment events go ({@link ControlTopics#assignments()})
   * @param config how often to run and when to forget dead workers
   */
  public static Scheduler start(Jdbi jdbi, ControlTopics topics, SchedulerConfig config) {
    Scheduler scheduler = new Scheduler(
        new AssignmentReconciler(jdbi, topics, config.forgetWorkersAfter()), config);
    scheduler.thread.start();
    log.info("Scheduler started: a pass every {} ms", config.interval().toMillis());
    return scheduler;
  }

  /** Asks for a pass as soon as the current one ends; returns at once. */
  public void poke() {
    wake.release();
  }

  private void run() {
    while (running) {
      try {
        reconciler.reconcile();
      } catch (RuntimeException e) {
        log.warn("Scheduling pass failed, retrying in {} ms: {}",
            config.interval().toMillis(), e.toString());
        log.debug("Scheduling pass failure", e);
      }
      try {
        wake.tryAcquire(config.interval().toMillis(), TimeUnit.MILLISECONDS);
        wake.drainPermits();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops after the running pass, if any, has committed; waits up to 10 s for it. */
  @Override
  public void close() {
    running = false;
    wake.release();
    try {
      thread.join(STOP_TIMEOUT_MS);
      if (thread.isAlive()) {
        log.warn("Scheduler pass still running after {} ms; interrupting it", STOP_TIMEOUT_MS);
        thread.interrupt();
        thread.join(STOP_TIMEOUT_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("Scheduler stopped");
  }
}
