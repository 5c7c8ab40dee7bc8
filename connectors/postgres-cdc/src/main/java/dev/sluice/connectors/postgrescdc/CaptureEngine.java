package dev.sluice.connectors.postgrescdc;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.DebeziumEngine.RecordCommitter;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.debezium.engine.spi.OffsetCommitPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of Debezium's embedded engine: started from a position, it hands each batch of changes,
 * converted, to a bounded queue the source drains, and stops reliably, also after a failure.
 *
 * <p>The engine runs on a daemon thread of its own, with this plugin's class loader as context
 * class loader (Debezium finds its engine, connector and converters through it). When the queue is
 * full the engine waits, so a slow stream holds the changes back in Postgres, not in memory.
 * Nothing is marked processed here: the source does that for acknowledged changes only.
 *
 * <p>Thread-safety: {@link #poll} is for the source's thread; the engine calls back on its own.
 */
final class CaptureEngine implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CaptureEngine.class);
  /** Batches (of up to Debezium's max.batch.size records) converted ahead of the source. */
  private static final int QUEUED_BATCHES = 4;
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_RETRY = Duration.ofMillis(100);

  /** A batch of changes as Debezium delivered it, with what confirms them to Debezium. */
  record ChangeBatch(List<Change> changes, RecordCommitter<RecordChangeEvent<SourceRecord>> committer) {}

  /**
   * One record from Debezium.
   *
   * @param event Debezium's record, to be marked processed once acknowledged
   * @param record the Sluice record, or {@code null} for what is no row change (a heartbeat)
   */
  record Change(RecordChangeEvent<SourceRecord> event, dev.sluice.api.component.SourceRecord record) {}

  private final String name;
  private final String positionId;
  private final BlockingQueue<ChangeBatch> batches = new ArrayBlockingQueue<>(QUEUED_BATCHES);
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
  private final Thread thread;

  private CaptureEngine(PostgresCdcConfig config, Map<String, Object> offset) {
    this.name = config.slot();
    this.positionId = PositionBackingStore.register(offset);
    ChangeEventConverter converter = new ChangeEventConverter();
    ClassLoader own = CaptureEngine.class.getClassLoader();
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    current.setContextClassLoader(own); // DebeziumEngine.create looks its builder up through it
    try {
      this.engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
          .using(DebeziumProperties.of(config, positionId))
          .using(own)
          .using(OffsetCommitPolicy.always())
          .using(new DebeziumEngine.ConnectorCallback() {
            @Override
            public void taskStarted() {
              started.countDown();
            }
          })
          .using(this::completed)
          .notifying((records, committer) -> handOver(converter, records, committer))
          .build();
    } catch (RuntimeException e) {
      PositionBackingStore.unregister(positionId);
      throw e;
    } finally {
      current.setContextClassLoader(previous);
    }
    this.thread = new Thread(engine, "sluice-postgres-cdc-" + name);
    thread.setDaemon(true);
    thread.setContextClassLoader(own);
  }

  /**
   * Starts an engine for {@code config} that resumes from {@code offset} (Debezium's offset map;
   * empty for a first start).
   */
  static CaptureEngine start(PostgresCdcConfig config, Map<String, Object> offset) {
    CaptureEngine capture = new CaptureEngine(config, offset);
    capture.thread.start();
    log.info("postgres_cdc engine for slot {} started on {} ({})", config.slot(), config.server(),
        offset.isEmpty() ? "no stored position" : "from lsn " + offset.get("lsn"));
    return capture;
  }

  /**
   * Waits until the engine's task runs (the slot is in place and streaming or the snapshot has
   * begun) or the engine stopped, at most {@code timeout}; whether either happened.
   */
  boolean awaitStarted(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (started.await(50, TimeUnit.MILLISECONDS) || finished.getCount() == 0) {
        return true;
      }
    }
    return false;
  }

  /** The next batch, waiting at most {@code timeout}; {@code null} when none came. */
  ChangeBatch poll(Duration timeout) throws InterruptedException {
    return batches.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** The next batch if one is waiting, else {@code null}. */
  ChangeBatch pollNow() {
    return batches.poll();
  }

  /** Whether the engine stopped; once it did, {@link #failure()} says why, if it failed. */
  boolean stopped() {
    return finished.getCount() == 0;
  }

  /** Why the engine stopped, if it failed. */
  Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  /**
   * Stops the engine and waits for its threads: Debezium's tasks, the replication connection and
   * this engine's thread. Safe after a failure (when Debezium's own close would throw) and while
   * the engine is still starting its task (when Debezium refuses to stop, so this tries again).
   */
  @Override
  public void close() {
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    try {
      while (!stopped() && !requestStop() && System.nanoTime() < deadline) {
        finished.await(STOP_RETRY.toMillis(), TimeUnit.MILLISECONDS);
      }
      batches.clear(); // a handover blocked on a full queue may now finish and see the stop
      if (!finished.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        log.warn("postgres_cdc engine for slot {} did not stop within {}; interrupting it", name,
            STOP_TIMEOUT);
        thread.interrupt();
      }
      thread.join(STOP_RETRY.toMillis() * 10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      PositionBackingStore.unregister(positionId);
    }
  }

  /** Asks Debezium to stop; false when it cannot be asked yet because its task is starting. */
  private boolean requestStop() {
    try {
      engine.close();
      return true;
    } catch (IllegalStateException e) {
      // "tasks are starting" (try again) or "already shut down / shutting down" (it stops anyway).
      return !e.getMessage().contains("starting");
    } catch (IOException | RuntimeException e) {
      log.warn("postgres_cdc engine for slot {} failed to stop cleanly", name, e);
      return true;
    }
  }

  private void handOver(ChangeEventConverter converter, List<RecordChangeEvent<SourceRecord>> events,
      RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
    List<Change> changes = new ArrayList<>(events.size());
    for (RecordChangeEvent<SourceRecord> event : events) {
      changes.add(new Change(event, converter.convert(event.record())));
    }
    batches.put(new ChangeBatch(changes, committer));
  }

  private void completed(boolean success, String message, Throwable error) {
    if (!success) {
      failure.set(error != null ? error : new IllegalStateException(message));
      log.warn("postgres_cdc engine for slot {} stopped: {}", name, message);
    } else {
      log.info("postgres_cdc engine for slot {} stopped", name);
    }
    finished.countDown();
  }
}
