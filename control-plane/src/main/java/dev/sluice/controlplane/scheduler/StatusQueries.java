package dev.sluice.controlplane.scheduler;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads the observed status of streams and workers for the REST layer: assignments joined with
 * the reports of the assigned worker at the assigned epoch. Each call reads in one transaction.
 * Thread-safe.
 */
public final class StatusQueries {

  private final Jdbi jdbi;

  /** Reads from {@code jdbi}, a migrated control plane database. */
  public StatusQueries(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The status of one stream, or empty when it does not exist. */
  public Optional<StreamStatus> status(String namespace, String name) {
    return load(namespace, name).stream().findFirst();
  }

  /** The status of every stream, ordered by namespace and name. */
  public List<StreamStatus> statuses() {
    return load(null, null);
  }

  /** The newest changes of the instances of one stream (at most {@code limit}), newest first. */
  public List<InstanceEvent> instanceEvents(String namespace, String name, int limit) {
    return jdbi.withHandle(handle -> handle.createQuery("""
            select e.at, e.instance, e.worker_id, w.name as worker_name, e.epoch, e.revision, e.state, e.error
            from instance_events e
            left join workers w on w.id = e.worker_id
            where e.namespace = :namespace and e.name = :name
            order by e.id desc
            limit :limit""")
        .bind("namespace", namespace)
        .bind("name", name)
        .bind("limit", limit)
        .map((rs, ctx) -> new InstanceEvent(instant(rs, "at"), rs.getInt("instance"), rs.getString("worker_id"),
            rs.getString("worker_name"), rs.getLong("epoch"), rs.getLong("revision"), rs.getString("state"),
            rs.getString("error")))
        .list());
  }

  /** Every registered worker, live or not, ordered by name. */
  public List<WorkerView> workers() {
    return jdbi.withHandle(handle -> handle.createQuery("""
            select w.*, w.lease_expires_at > now() as live,
                   extract(epoch from now() - w.last_heartbeat_at) * 1000 as age_ms,
                   (select count(*) from assignments a where a.worker_id = w.id) as instances
            from workers w
            order by w.name""")
        .map((rs, ctx) -> new WorkerView(
            rs.getString("id"),
            rs.getString("name"),
            rs.getString("host"),
            rs.getString("version"),
            rs.getInt("capacity"),
            strings(rs.getArray("components")),
            rs.getInt("instances"),
            rs.getObject("cpu_load", Double.class),
            rs.getObject("memory_used_bytes", Long.class),
            rs.getObject("memory_max_bytes", Long.class),
            instant(rs, "last_heartbeat_at"),
            Duration.ofMillis(Math.max(0, Math.round(rs.getDouble("age_ms")))),
            rs.getBoolean("live")))
        .list());
  }

  /** Streams matching the filter (a null part matches all) with their instances. */
  private List<StreamStatus> load(String namespace, String name) {
    return jdbi.inTransaction(handle -> {
      Map<StreamKey, Map<Integer, InstanceStatus>> assigned = assigned(handle, namespace, name);
      return handle.createQuery("""
              select s.namespace, s.name, s.revision, s.state, r.definition_json
              from streams s
              left join stream_revisions r using (namespace, name, revision)
              where (cast(:namespace as text) is null or s.namespace = :namespace)
                and (cast(:name as text) is null or s.name = :name)
              order by s.namespace, s.name""")
          .bind("namespace", namespace)
          .bind("name", name)
          .map((rs, ctx) -> {
            StreamKey key = new StreamKey(rs.getString("namespace"), rs.getString("name"));
            long revision = rs.getLong("revision");
            boolean paused = "paused".equals(rs.getString("state"));
            int parallelism = StreamParallelism.of(key, revision, rs.getString("definition_json"));
            Map<Integer, InstanceStatus> byIndex = assigned.getOrDefault(key, Map.of());
            List<InstanceStatus> instances = new ArrayList<>();
            for (int i = 0; i < parallelism; i++) {
              InstanceStatus.State idle =
                  paused ? InstanceStatus.State.STOPPED : InstanceStatus.State.PENDING;
              instances.add(byIndex.getOrDefault(i,
                  InstanceStatus.unreported(i, null, null, 0, 0, idle)));
            }
            return StreamStatus.of(key.namespace(), key.name(), revision, paused, instances);
          })
          .list();
    });
  }

  /** Assigned instances with the report of their worker at their epoch, if any. */
  private static Map<StreamKey, Map<Integer, InstanceStatus>> assigned(
      Handle handle, String namespace, String name) {
    return handle.createQuery("""
            select a.namespace, a.name, a.instance, a.worker_id, w.name as worker_name,
                   a.epoch, a.revision, s.revision as reported_revision, s.state, s.records_in,
                   s.records_out, s.errors, s.dead_lettered, s.dropped, s.lag, s.error,
                   s.updated_at, s.records_in_per_sec, s.records_out_per_sec
            from assignments a
            left join workers w on w.id = a.worker_id
            left join instance_status s
              on s.namespace = a.namespace and s.name = a.name and s.instance = a.instance
             and s.worker_id = a.worker_id and s.epoch = a.epoch
            where (cast(:namespace as text) is null or a.namespace = :namespace)
              and (cast(:name as text) is null or a.name = :name)""")
        .bind("namespace", namespace)
        .bind("name", name)
        .map((rs, ctx) -> new Assigned(
            new StreamKey(rs.getString("namespace"), rs.getString("name")), instance(rs)))
        .list()
        .stream()
        .collect(Collectors.groupingBy(Assigned::stream,
            Collectors.toMap(assigned -> assigned.status().instance(), Assigned::status)));
  }

  /** An assigned instance of a stream. */
  private record Assigned(StreamKey stream, InstanceStatus status) {}

  private static InstanceStatus instance(ResultSet rs) throws SQLException {
    int instance = rs.getInt("instance");
    String workerId = rs.getString("worker_id");
    String workerName = rs.getString("worker_name");
    long epoch = rs.getLong("epoch");
    long revision = rs.getLong("revision");
    String state = rs.getString("state");
    if (state == null) {
      return InstanceStatus.unreported(
          instance, workerId, workerName, epoch, revision, InstanceStatus.State.PENDING);
    }
    return new InstanceStatus(instance, workerId, workerName, epoch, revision,
        rs.getLong("reported_revision"),
        InstanceStatus.State.ofWord(state),
        rs.getLong("records_in"),
        rs.getLong("records_out"),
        rs.getLong("errors"),
        rs.getLong("dead_lettered"),
        rs.getLong("dropped"),
        rs.getLong("lag"),
        rs.getString("error"),
        instant(rs, "updated_at"),
        rs.getObject("records_in_per_sec", Double.class),
        rs.getObject("records_out_per_sec", Double.class));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : List.of((String[]) array.getArray());
  }
}
