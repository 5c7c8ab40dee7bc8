package dev.sluice.controlplane.scheduler;

/**
 * One change to the {@code assignments} table that the {@link AssignmentPlanner} decided. Each
 * becomes one row change plus one {@code sluice.assignments} event.
 */
public sealed interface AssignmentChange {

  /** The instance the change is about. */
  InstanceKey instance();

  /**
   * Places an instance on a worker: a new instance, or one that moves (its worker died, or
   * rebalancing). The instance gets the next epoch.
   *
   * @param instance the instance
   * @param workerId the worker that runs it from now on
   * @param revision the revision to run
   */
  record Assign(InstanceKey instance, String workerId, long revision)
      implements AssignmentChange {}

  /**
   * Points an instance at a new revision of its stream; it stays on its worker with its epoch.
   *
   * @param instance the instance
   * @param revision the revision to run from now on
   */
  record Revise(InstanceKey instance, long revision) implements AssignmentChange {}

  /**
   * Runs an instance nowhere: its stream is paused, deleted or invalid, the instance is beyond the
   * parallelism, or no live worker has room for it.
   *
   * @param instance the instance
   */
  record Unassign(InstanceKey instance) implements AssignmentChange {}
}
