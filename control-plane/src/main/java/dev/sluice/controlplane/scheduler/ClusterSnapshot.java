package dev.sluice.controlplane.scheduler;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * What the scheduler decides on, read in one transaction: the streams that should run, the
 * assignments (locked until the transaction ends) and the live workers.
 *
 * @param desired active, valid streams with their current revision and parallelism
 * @param assignments every row of {@code assignments}
 * @param workers workers whose lease has not lapsed, by database time
 */
record ClusterSnapshot(
    List<DesiredStream> desired, List<CurrentAssignment> assignments, List<LiveWorker> workers) {

  /** Reads the snapshot; call inside the reconciler's transaction. */
  static ClusterSnapshot load(Handle handle) {
    List<DesiredStream> desired = handle.createQuery("""
            select s.namespace, s.name, s.revision, r.definition_json
            from streams s
            join stream_revisions r using (namespace, name, revision)
            where s.state = 'active' and s.valid""")
        .map((rs, ctx) -> {
          StreamKey key = new StreamKey(rs.getString("namespace"), rs.getString("name"));
          long revision = rs.getLong("revision");
          int parallelism =
              StreamParallelism.of(key, revision, rs.getString("definition_json"));
          return new DesiredStream(key, revision, parallelism);
        })
        .list();
    List<CurrentAssignment> assignments = handle.createQuery("""
            select namespace, name, instance, worker_id, epoch, revision
            from assignments
            for update""")
        .map((rs, ctx) -> new CurrentAssignment(
            new InstanceKey(
                new StreamKey(rs.getString("namespace"), rs.getString("name")),
                rs.getInt("instance")),
            rs.getString("worker_id"),
            rs.getLong("epoch"),
            rs.getLong("revision")))
        .list();
    List<LiveWorker> workers = handle.createQuery("""
            select id, capacity from workers where lease_expires_at > now()""")
        .map((rs, ctx) -> new LiveWorker(rs.getString("id"), rs.getInt("capacity")))
        .list();
    return new ClusterSnapshot(desired, assignments, workers);
  }
}
