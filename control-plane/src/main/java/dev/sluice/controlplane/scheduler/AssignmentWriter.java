package dev.sluice.controlplane.scheduler;

import dev.sluice.controlplane.outbox.Outbox;
import dev.sluice.proto.v1.Assignment;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies planned {@link AssignmentChange}s to the {@code assignments} table and appends one
 * {@code sluice.assignments} event per change to the outbox, all in the caller's transaction.
 *
 * <p>Epochs come from {@code instance_epochs}, which outlives the assignment rows: an instance
 * gets 1 the first time it is ever placed and one more each time it is placed again, even after
 * its stream was paused or deleted in between, so "the higher epoch wins" always holds for
 * workers. The outbox rows are appended after every row change, as {@link Outbox} asks, in the
 * order of the changes. Not thread-safe; one per pass.
 */
final class AssignmentWriter {

  private static final Logger log = LoggerFactory.getLogger(AssignmentWriter.class);

  private final Handle handle;
  private final String topic;
  private final List<Event> events = new ArrayList<>();

  /**
   * Writes through {@code handle}, which must be inside a transaction.
   *
   * @param topic the compacted assignments topic, key {@code namespace/name/instance}
   */
  AssignmentWriter(Handle handle, String topic) {
    this.handle = handle;
    this.topic = topic;
  }

  /** Applies every change, then appends their events to the outbox. */
  void apply(List<AssignmentChange> changes) {
    for (AssignmentChange change : changes) {
      switch (change) {
        case AssignmentChange.Assign assign -> assign(assign);
        case AssignmentChange.Revise revise -> revise(revise);
        case AssignmentChange.Unassign unassign -> unassign(unassign);
      }
    }
    events.forEach(event -> publish(handle, topic, event.instance(), event.value()));
  }

  private void assign(AssignmentChange.Assign assign) {
    InstanceKey instance = assign.instance();
    long epoch = bindInstance(handle.createQuery("""
            insert into instance_epochs (namespace, name, instance, epoch)
            values (:namespace, :name, :instance, 1)
            on conflict (namespace, name, instance)
            do update set epoch = instance_epochs.epoch + 1
            returning epoch"""), instance)
        .mapTo(Long.class)
        .one();
    bindInstance(handle.createUpdate("""
            insert into assignments (namespace, name, instance, worker_id, epoch, revision)
            values (:namespace, :name, :instance, :worker, :epoch, :revision)
            on conflict (namespace, name, instance) do update
            set worker_id = excluded.worker_id, epoch = excluded.epoch,
                revision = excluded.revision, assigned_at = now()"""), instance)
        .bind("worker", assign.workerId())
        .bind("epoch", epoch)
        .bind("revision", assign.revision())
        .execute();
    log.info("Assigned stream {} instance {} to worker {} (epoch {}, revision {})",
        instance.stream(), instance.instance(), assign.workerId(), epoch, assign.revision());
    events.add(new Event(instance, assignment(instance, assign.workerId(), epoch,
        assign.revision())));
  }

  private void revise(AssignmentChange.Revise revise) {
    InstanceKey instance = revise.instance();
    Assignment revised = bindInstance(handle.createQuery("""
            update assignments set revision = :revision
            where namespace = :namespace and name = :name and instance = :instance
            returning worker_id, epoch"""), instance)
        .bind("revision", revise.revision())
        .map((rs, ctx) -> assignment(instance, rs.getString("worker_id"), rs.getLong("epoch"),
            revise.revision()))
        .one();
    log.info("Stream {} instance {} stays on worker {} (epoch {}) and runs revision {}",
        instance.stream(), instance.instance(), revised.getWorkerId(), revised.getEpoch(),
        revise.revision());
    events.add(new Event(instance, revised));
  }

  private void unassign(AssignmentChange.Unassign unassign) {
    InstanceKey instance = unassign.instance();
    bindInstance(handle.createUpdate("""
            delete from assignments
            where namespace = :namespace and name = :name and instance = :instance"""), instance)
        .execute();
    log.info("Stream {} instance {} runs nowhere now", instance.stream(), instance.instance());
    events.add(new Event(instance, null));
  }

  private static <T extends SqlStatement<T>> T bindInstance(T statement, InstanceKey instance) {
    return statement
        .bind("namespace", instance.stream().namespace())
        .bind("name", instance.stream().name())
        .bind("instance", instance.instance());
  }

  /** Appends the event of {@code instance} to the outbox; a null value is a tombstone. */
  static void publish(Handle handle, String topic, InstanceKey instance, Assignment value) {
    Outbox.append(handle, topic, instance.toString(), value == null ? null : value.toByteArray());
  }

  /** The event value that tells workers where {@code instance} runs. */
  static Assignment assignment(InstanceKey instance, String workerId, long epoch, long revision) {
    return Assignment.newBuilder()
        .setNamespace(instance.stream().namespace())
        .setName(instance.stream().name())
        .setInstance(instance.instance())
        .setWorkerId(workerId)
        .setEpoch(epoch)
        .setRevision(revision)
        .build();
  }

  /** An outbox event: the assignment, or {@code null} for a tombstone. */
  private record Event(InstanceKey instance, Assignment value) {}
}
