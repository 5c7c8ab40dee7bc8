package dev.sluice.connectors.postgrescdc;

import dev.sluice.api.Problem;
import dev.sluice.api.component.SourceConnector;
import dev.sluice.api.component.SourceContext;
import dev.sluice.api.component.SourceRecord;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.ConfigException;
import dev.sluice.connectors.postgrescdc.CaptureEngine.Change;
import dev.sluice.connectors.postgrescdc.CaptureEngine.ChangeBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code postgres_cdc} input: each change of the captured tables as one record, in commit
 * order, after the tables' existing rows when a snapshot is due.
 *
 * <p>Positions: a record's position is Debezium's source offset for it (LSNs, transaction id,
 * commit time, snapshot markers). The engine starts from the committed position, or from the last
 * one acknowledged when it restarts after a retriable failure; a position taken after the last
 * snapshot record says the snapshot is done, so a restart never snapshots twice. Only acknowledged
 * changes are confirmed to Debezium and so to Postgres: the slot keeps everything after them, and
 * a restart from an earlier position reads them again. A restart before the snapshot finished runs
 * the snapshot again from the start (Debezium's snapshot cannot resume midway).
 *
 * <p>Only instance 0 of a stream reads (a slot has one reader); other instances stay idle.
 *
 * <p>Used by one thread, as {@link SourceConnector} says; Debezium runs on threads of its own.
 */
final class PostgresCdcSource implements SourceConnector {

  private static final Logger log = LoggerFactory.getLogger(PostgresCdcSource.class);
  /** The most records one poll returns: a few of Debezium's batches. */
  static final int MAX_POLL_RECORDS = 8192;
  /** How long start waits for the engine's task to run, to report its failures at once. */
  private static final Duration START_WAIT = Duration.ofSeconds(60);
  private static final Duration SLOT_RELEASE_WAIT = Duration.ofSeconds(30);

  private final Acknowledgements acknowledgements = new Acknowledgements();
  private PostgresCdcConfig config;
  private boolean idle;
  private CaptureEngine engine;
  /** Debezium's offset to start from: the last acknowledged, else the committed position. */
  private Map<String, Object> resumeFrom = Map.of();

  @Override
  public void start(SourceContext context) throws ComponentException {
    stopEngine(); // start is called again after a retriable failure
    config = PostgresCdcConfig.from(context);
    if (context.instance() > 0) {
      idle = true;
      log.info("postgres_cdc of stream {}: instance {} stays idle; instance 0 reads slot {}",
          context.stream(), context.instance(), config.slot());
      return;
    }
    resumeFrom = context.committedPosition().isPresent()
        ? offsetOf(context.committedPosition().get()) : Map.of();
    PostgresServer.check(config);
    log.info("postgres_cdc of stream {} reads {} from {} (slot {}, publication {}, snapshot {})",
        context.stream(), config.tables(), config.server(), config.slot(), config.publication(),
        config.snapshot().configName());
    launch(START_WAIT);
  }

  @Override
  public List<SourceRecord> poll(Duration timeout) throws ComponentException {
    try {
      if (idle) {
        Thread.sleep(timeout);
        return List.of();
      }
      if (engine == null) {
        launch(Duration.ZERO); // after a retriable failure; poll stays short, failures show later
      }
      ChangeBatch batch = engine.poll(timeout);
      if (batch == null) {
        failIfStopped();
        return List.of();
      }
      List<SourceRecord> records = new ArrayList<>();
      do {
        acknowledgements.polled(batch);
        for (Change change : batch.changes()) {
          if (change.record() != null) {
            records.add(change.record());
          }
        }
      } while (records.size() < MAX_POLL_RECORDS && (batch = engine.pollNow()) != null);
      if (records.isEmpty()) {
        resumeAt(acknowledgements.confirmRecordless()); // heartbeats after acknowledged records
      }
      return records;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  @Override
  public void acknowledge(Map<String, Object> position) {
    try {
      resumeAt(acknowledgements.acknowledge(position));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stopEngine();
    if (config != null && config.dropSlotOnStop() && !idle) {
      PostgresServer.dropSlot(config, SLOT_RELEASE_WAIT);
    }
  }

  /**
   * Starts an engine from {@link #resumeFrom} and waits up to {@code wait} for its task to run, so
   * that failing to start (slot, publication, snapshot mode) is reported by the caller.
   */
  private void launch(Duration wait) throws ComponentException {
    engine = CaptureEngine.start(config, resumeFrom);
    try {
      if (!wait.isZero() && !engine.awaitStarted(wait)) {
        log.info("postgres_cdc engine for slot {} still starting after {}", config.slot(), wait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failIfStopped();
  }

  /**
   * Throws why the engine stopped, if it did, and forgets the engine: the next poll starts another
   * one (after a retriable failure; the worker polls no more after any other).
   */
  private void failIfStopped() throws ComponentException {
    if (!engine.stopped()) {
      return;
    }
    Throwable failure = engine.failure()
        .orElseGet(() -> new IllegalStateException("the Debezium engine stopped by itself"));
    stopEngine();
    throw PostgresFailures.classify(failure, config);
  }

  private void stopEngine() {
    if (engine != null) {
      engine.close();
      engine = null;
      acknowledgements.clear();
    }
  }

  private void resumeAt(Map<String, Object> offset) {
    if (offset != null) {
      resumeFrom = offset;
    }
  }

  /**
   * Debezium's offset map from a stored position: the same entries, with whole numbers as {@link
   * Long} (a position read back from JSON may hold {@link Integer}s, which Debezium does not take).
   */
  static Map<String, Object> offsetOf(Map<String, Object> position) throws ConfigException {
    if (!(position.get("lsn") instanceof Number)) {
      throw new ConfigException(List.of(Problem.at("position", position.toString(), "the stored "
          + "position has no numeric 'lsn', so it is not one of postgres_cdc; reset the stream's "
          + "stored positions to start again (with a snapshot unless snapshot: never)")));
    }
    Map<String, Object> offset = new LinkedHashMap<>();
    position.forEach((key, value) -> offset.put(key,
        value instanceof Integer || value instanceof Short || value instanceof Byte
            ? Long.valueOf(((Number) value).longValue()) : value));
    return offset;
  }
}
