package dev.sluice.controlplane.grpc;

import dev.sluice.proto.v1.HeartbeatRequest;
import dev.sluice.proto.v1.InstanceReport;
import dev.sluice.proto.v1.RegisterRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Workers and their leases in the {@code workers} table, and their reports in {@code
 * instance_status}. Leases are measured with the database's clock, the same clock the scheduler
 * uses to decide who is live. Thread-safe.
 */
final class WorkerStore {

  private final Jdbi jdbi;

  WorkerStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Registers a worker, or registers again a worker with the same name: it keeps its id (and with
   * it the instances still assigned to it) and gets a fresh lease.
   */
  Lease register(RegisterRequest request, Duration lease) {
    String id = UUID.randomUUID().toString();
    return jdbi.inTransaction(handle -> handle.createQuery("""
            insert into workers (id, name, host, version, capacity, components, lease_expires_at)
            values (:id, :name, :host, :version, :capacity, :components,
                    now() + :leaseMs * interval '1 millisecond')
            on conflict (name) do update set
                host = excluded.host, version = excluded.version,
                capacity = excluded.capacity, components = excluded.components,
                registered_at = now(), last_heartbeat_at = now(),
                lease_expires_at = excluded.lease_expires_at,
                cpu_load = null, memory_used_bytes = null, memory_max_bytes = null
            returning id, lease_expires_at, id <> :id as known""")
        .bind("id", id)
        .bind("name", request.getName())
        .bind("host", request.getHost())
        .bind("version", request.getVersion())
        .bind("capacity", request.getCapacity())
        .bindArray("components", String.class, request.getComponentsList())
        .bind("leaseMs", lease.toMillis())
        .map((rs, ctx) -> new Lease(rs.getString("id"),
            rs.getObject("lease_expires_at", OffsetDateTime.class).toInstant(),
            rs.getBoolean("known")))
        .one());
  }

  /**
   * Renews the lease of a live worker and stores its load and instance reports.
   *
   * @return the new end of the lease; empty when the worker is unknown or its lease lapsed, and
   *     it must register again
   */
  Optional<Instant> heartbeat(HeartbeatRequest request, Duration lease) {
    return jdbi.inTransaction(handle -> {
      Optional<LeaseRenewal> renewal = handle.createQuery("""
              update workers set
                  last_heartbeat_at = now(),
                  lease_expires_at = now() + :leaseMs * interval '1 millisecond',
                  cpu_load = :cpu, memory_used_bytes = :used, memory_max_bytes = :max
              where id = :id and lease_expires_at > now()
              returning lease_expires_at, now() as now""")
          .bind("id", request.getWorkerId())
          .bind("leaseMs", lease.toMillis())
          .bind("cpu", request.getCpuLoad())
          .bind("used", request.getMemoryUsedBytes())
          .bind("max", request.getMemoryMaxBytes())
          .map((rs, ctx) -> new LeaseRenewal(
              rs.getObject("lease_expires_at", OffsetDateTime.class).toInstant(),
              rs.getObject("now", OffsetDateTime.class).toInstant()))
          .findOne();
      renewal.ifPresent(renewed -> request.getInstancesList().forEach(report ->
          InstanceStatusWriter.write(handle, request.getWorkerId(), report, renewed.now())));
      return renewal.map(LeaseRenewal::expiresAt);
    });
  }

  /**
   * Stores one instance report of a live worker.
   *
   * @return false when the worker is unknown or its lease lapsed; nothing was stored
   */
  boolean report(String workerId, InstanceReport report) {
    return jdbi.inTransaction(handle -> {
      Optional<Instant> now = handle.createQuery("""
              select now() from workers where id = :id and lease_expires_at > now()""")
          .bind("id", workerId)
          .mapTo(Instant.class)
          .findOne();
      now.ifPresent(at -> InstanceStatusWriter.write(handle, workerId, report, at));
      return now.isPresent();
    });
  }

  /** Whether the worker holds a live lease and is assigned an instance of the stream. */
  boolean runs(String workerId, String namespace, String name) {
    return jdbi.withHandle(handle -> handle.createQuery("""
            select exists (select 1 from assignments a join workers w on w.id = a.worker_id
              where a.worker_id = :id and a.namespace = :namespace and a.name = :name
                and w.lease_expires_at > now())""")
        .bind("id", workerId)
        .bind("namespace", namespace)
        .bind("name", name)
        .mapTo(Boolean.class)
        .one());
  }

  /**
   * A granted lease.
   *
   * @param workerId the worker's id
   * @param expiresAt when the lease ends unless renewed
   * @param known whether a worker of that name was registered before
   */
  record Lease(String workerId, Instant expiresAt, boolean known) {}

  private record LeaseRenewal(Instant expiresAt, Instant now) {}
}
