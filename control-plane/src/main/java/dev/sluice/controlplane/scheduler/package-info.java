/**
 * The scheduler: places every instance of every active stream on a live worker and publishes the
 * placement to {@code sluice.assignments} through the outbox; and the observed status of streams
 * and workers that the REST layer shows.
 *
 * <p>Postgres is the source of truth. {@link dev.sluice.controlplane.scheduler.Scheduler} runs one
 * {@link dev.sluice.controlplane.scheduler.AssignmentReconciler} pass a second (and when poked): it
 * reads streams, workers and assignments in one transaction, lets the pure
 * {@link dev.sluice.controlplane.scheduler.AssignmentPlanner} decide, and writes the changed rows
 * with their outbox rows in the same transaction. {@link
 * dev.sluice.controlplane.scheduler.StatusQueries} reads what workers reported.
 */
package dev.sluice.controlplane.scheduler;
