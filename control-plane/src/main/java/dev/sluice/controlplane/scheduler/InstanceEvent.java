package dev.sluice.controlplane.scheduler;

import java.time.Instant;

/**
 * A change in what the workers report about one stream instance: its state, worker, epoch or error.
 *
 * @param at when the report that changed it was stored
 * @param instance the instance index
 * @param workerId the reporting worker
 * @param workerName that worker's name, or {@code null} when it is no longer registered
 * @param epoch the assignment's epoch the worker ran
 * @param revision the revision it ran
 * @param state the reported state word, such as {@code running} or {@code failed}
 * @param error why it failed, or {@code null}
 */
public record InstanceEvent(
    Instant at, int instance, String workerId, String workerName, long epoch, long revision, String state,
    String error) {}
