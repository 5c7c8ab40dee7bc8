package dev.sluice.controlplane.scheduler;

import dev.sluice.controlplane.outbox.ControlTopics;
import dev.sluice.controlplane.outbox.Outbox;
import dev.sluice.controlplane.store.AdvisoryLocks;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduling pass: reads a {@link ClusterSnapshot}, plans with {@link AssignmentPlanner} and
 * writes the changes with their outbox events, all in one transaction.
 *
 * <p>Only one control plane schedules at a time: a pass first tries the transaction-scoped
 * advisory lock {@link AdvisoryLocks#SCHEDULER} and does nothing when another pass holds it. The
 * assignment rows are also read {@code for update}, and the primary key of {@code assignments}
 * makes two current assignments of one instance impossible whatever happens. Workers whose lease
 * lapsed longer than {@code forgetWorkersAfter} ago and that run nothing are deleted at the end of
 * the pass; a forgotten worker that comes back registers again.
 *
 * <p>Thread-safe: passes may run from several threads; they serialise on the advisory lock.
 */
public final class AssignmentReconciler {

  private static final Logger log = LoggerFactory.getLogger(AssignmentReconciler.class);

  private final Jdbi jdbi;
  private final String topic;
  private final Duration forgetWorkersAfter;

  /**
   * @param jdbi the control plane database, migrated
   * @param topics where assignment events go ({@link ControlTopics#assignments()})
   * @param forgetWorkersAfter how long a dead worker stays listed before it is deleted
   */
  public AssignmentReconciler(Jdbi jdbi, ControlTopics topics, Duration forgetWorkersAfter) {
    this.jdbi = jdbi;
    this.topic = topics.assignments();
    this.forgetWorkersAfter = forgetWorkersAfter;
  }

  /**
   * Runs one pass and returns the changes it made, in the order their events were written; empty
   * when nothing had to change or another control plane is scheduling right now.
   */
  public List<AssignmentChange> reconcile() {
    return jdbi.inTransaction(handle -> {
      boolean locked = handle.createQuery("select pg_try_advisory_xact_lock(:lock)")
          .bind("lock", AdvisoryLocks.SCHEDULER)
          .mapTo(Boolean.class)
          .one();
      if (!locked) {
        log.debug("Another control plane is scheduling; skipping this pass");
        return List.of();
      }
      ClusterSnapshot snapshot = ClusterSnapshot.load(handle);
      List<AssignmentChange> changes = AssignmentPlanner.plan(
          snapshot.desired(), snapshot.assignments(), snapshot.workers());
      new AssignmentWriter(handle, topic).apply(changes);
      forgetDeadWorkers(handle);
      return changes;
    });
  }

  /**
   * Appends the current assignment of every instance ever scheduled, and a tombstone for each
   * that runs nowhere now, to the outbox, so that the publisher rebuilds the assignments topic
   * from Postgres. Waits for a running pass; no pass or other outbox write commits in between.
   *
   * @return how many assignments were republished, tombstones not counted
   */
  public int republishAll() {
    int count = jdbi.inTransaction(handle -> {
      handle.createUpdate("select pg_advisory_xact_lock(:lock)")
          .bind("lock", AdvisoryLocks.SCHEDULER)
          .execute();
      Outbox.lockForAppend(handle);
      List<CurrentAssignment> current = handle.createQuery("""
              select e.namespace, e.name, e.instance, a.worker_id, a.epoch, a.revision
              from instance_epochs e
              left join assignments a using (namespace, name, instance)
              order by e.namespace, e.name, e.instance""")
          .map((rs, ctx) -> new CurrentAssignment(
              new InstanceKey(new StreamKey(rs.getString("namespace"), rs.getString("name")),
                  rs.getInt("instance")),
              rs.getString("worker_id"), rs.getLong("epoch"), rs.getLong("revision")))
          .list();
      current.forEach(row -> AssignmentWriter.publish(handle, topic, row.instance(),
          row.workerId() == null ? null : AssignmentWriter.assignment(
              row.instance(), row.workerId(), row.epoch(), row.revision())));
      return (int) current.stream().filter(row -> row.workerId() != null).count();
    });
    log.info("Republished {} assignments", count);
    return count;
  }

  private void forgetDeadWorkers(Handle handle) {
    List<String> forgotten = handle.createQuery("""
            delete from workers w
            where w.lease_expires_at < now() - :after * interval '1 millisecond'
              and not exists (select 1 from assignments a where a.worker_id = w.id)
            returning w.name""")
        .bind("after", forgetWorkersAfter.toMillis())
        .mapTo(String.class)
        .list();
    forgotten.forEach(name -> log.info(
        "Forgot worker {}: its lease lapsed more than {} ago", name, forgetWorkersAfter));
  }
}
