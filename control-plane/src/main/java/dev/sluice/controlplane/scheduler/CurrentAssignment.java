package dev.sluice.controlplane.scheduler;

/**
 * One row of the {@code assignments} table: where an instance runs now.
 *
 * @param instance the stream instance
 * @param workerId the worker that runs it
 * @param epoch grows each time the instance moves
 * @param revision the stream revision the worker must run
 */
record CurrentAssignment(InstanceKey instance, String workerId, long epoch, long revision) {}
