package dev.sluice.controlplane.grpc;

import dev.sluice.controlplane.scheduler.InstanceStatus;
import dev.sluice.proto.v1.InstanceReport;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores what a worker reports about one instance in {@code instance_status}, with its
 * throughput, and each change of its state, worker, epoch or error in {@code instance_events}. A report with a lower epoch than the stored one comes from a worker that lost the
 * instance and is ignored, so a fenced worker cannot overwrite the status of the new one.
 * Stateless and thread-safe; call inside a transaction.
 */
final class InstanceStatusWriter {

  private static final Logger log = LoggerFactory.getLogger(InstanceStatusWriter.class);

  private InstanceStatusWriter() {}

  /**
   * Upserts the report.
   *
   * @param handle a handle inside a transaction
   * @param workerId the reporting worker, whose lease was checked in the same transaction
   * @param report the report, validated
   * @param now the database's time of the transaction
   */
  static void write(Handle handle, String workerId, InstanceReport report, Instant now) {
    Optional<Stored> stored = handle.createQuery("""
            select worker_id, epoch, state, error, rate_sampled_at, rate_records_in, rate_records_out,
                   records_in_per_sec, records_out_per_sec
            from instance_status
            where namespace = :namespace and name = :name and instance = :instance
            for update""")
        .bind("namespace", report.getNamespace())
        .bind("name", report.getName())
        .bind("instance", report.getInstance())
        .map((rs, ctx) -> new Stored(rs.getString("worker_id"), rs.getLong("epoch"), rs.getString("state"),
            rs.getString("error"), sample(rs)))
        .findOne();
    if (stored.isPresent() && stored.get().epoch() > report.getEpoch()) {
      log.debug("Ignored a report of {}/{} instance {} at epoch {} from worker {}: epoch {} is "
          + "current", report.getNamespace(), report.getName(), report.getInstance(),
          report.getEpoch(), workerId, stored.get().epoch());
      return;
    }
    RateSample previous = stored
        .filter(s -> s.workerId().equals(workerId) && s.epoch() == report.getEpoch())
        .map(Stored::sample)
        .orElse(null);
    RateSample sample =
        RateSample.next(previous, report.getRecordsIn(), report.getRecordsOut(), now);
    String state = state(report).orElseThrow().word();
    String error = report.getError().isEmpty() ? null : report.getError();
    handle.createUpdate("""
            insert into instance_status (namespace, name, instance, worker_id, epoch, revision,
                state, records_in, records_out, errors, dead_lettered, dropped, lag, error,
                updated_at, rate_sampled_at, rate_records_in, rate_records_out,
                records_in_per_sec, records_out_per_sec)
            values (:namespace, :name, :instance, :worker, :epoch, :revision, :state,
                :recordsIn, :recordsOut, :errors, :deadLettered, :dropped, :lag, :error, :now,
                :sampledAt, :sampleIn, :sampleOut, :inPerSec, :outPerSec)
            on conflict (namespace, name, instance) do update set
                worker_id = excluded.worker_id, epoch = excluded.epoch,
                revision = excluded.revision, state = excluded.state,
                records_in = excluded.records_in, records_out = excluded.records_out,
                errors = excluded.errors, dead_lettered = excluded.dead_lettered,
                dropped = excluded.dropped, lag = excluded.lag, error = excluded.error,
                updated_at = excluded.updated_at, rate_sampled_at = excluded.rate_sampled_at,
                rate_records_in = excluded.rate_records_in,
                rate_records_out = excluded.rate_records_out,
                records_in_per_sec = excluded.records_in_per_sec,
                records_out_per_sec = excluded.records_out_per_sec""")
        .bind("namespace", report.getNamespace())
        .bind("name", report.getName())
        .bind("instance", report.getInstance())
        .bind("worker", workerId)
        .bind("epoch", report.getEpoch())
        .bind("revision", report.getRevision())
        .bind("state", state)
        .bind("recordsIn", report.getRecordsIn())
        .bind("recordsOut", report.getRecordsOut())
        .bind("errors", report.getErrors())
        .bind("deadLettered", report.getDeadLettered())
        .bind("dropped", report.getDropped())
        .bind("lag", report.getLag())
        .bind("error", error)
        .bind("now", now.atOffset(ZoneOffset.UTC))
        .bind("sampledAt", sample.sampledAt().atOffset(ZoneOffset.UTC))
        .bind("sampleIn", sample.recordsIn())
        .bind("sampleOut", sample.recordsOut())
        .bind("inPerSec", sample.recordsInPerSec())
        .bind("outPerSec", sample.recordsOutPerSec())
        .execute();
    if (stored.isEmpty() || stored.get().changedBy(workerId, report.getEpoch(), state, error)) {
      recordEvent(handle, workerId, report, state, error, now);
    }
  }

  /** Adds a row to {@code instance_events}: the instance's new state, worker or epoch, and its error. */
  private static void recordEvent(Handle handle, String workerId, InstanceReport report, String state,
      String error, Instant now) {
    handle.createUpdate("""
            insert into instance_events (at, namespace, name, instance, worker_id, epoch, revision, state, error)
            values (:now, :namespace, :name, :instance, :worker, :epoch, :revision, :state, :error)""")
        .bind("now", now.atOffset(ZoneOffset.UTC))
        .bind("namespace", report.getNamespace())
        .bind("name", report.getName())
        .bind("instance", report.getInstance())
        .bind("worker", workerId)
        .bind("epoch", report.getEpoch())
        .bind("revision", report.getRevision())
        .bind("state", state)
        .bind("error", error)
        .execute();
  }

  /** The observed state of a report; empty when the worker left it unspecified. */
  static Optional<InstanceStatus.State> state(InstanceReport report) {
    return Optional.ofNullable(switch (report.getState()) {
      case INSTANCE_STATE_STARTING -> InstanceStatus.State.STARTING;
      case INSTANCE_STATE_RUNNING -> InstanceStatus.State.RUNNING;
      case INSTANCE_STATE_COMPLETED -> InstanceStatus.State.COMPLETED;
      case INSTANCE_STATE_FAILED -> InstanceStatus.State.FAILED;
      case INSTANCE_STATE_STOPPED -> InstanceStatus.State.STOPPED;
      case INSTANCE_STATE_UNSPECIFIED, UNRECOGNIZED -> null;
    });
  }

  private static RateSample sample(ResultSet rs) throws SQLException {
    OffsetDateTime sampledAt = rs.getObject("rate_sampled_at", OffsetDateTime.class);
    return sampledAt == null ? null : new RateSample(sampledAt.toInstant(),
        rs.getLong("rate_records_in"), rs.getLong("rate_records_out"),
        rs.getObject("records_in_per_sec", Double.class),
        rs.getObject("records_out_per_sec", Double.class));
  }

  /** The stored row's owner, state and rate sample. */
  private record Stored(String workerId, long epoch, String state, String error, RateSample sample) {

    /** Whether a report with these values tells something new, worth a row in {@code instance_events}. */
    boolean changedBy(String reportingWorker, long reportedEpoch, String reportedState, String reportedError) {
      return !workerId.equals(reportingWorker) || epoch != reportedEpoch || !state.equals(reportedState)
          || !Objects.equals(error, reportedError);
    }
  }
}
