package dev.sluice.controlplane.scheduler;

import java.time.Instant;
import java.util.Locale;

/**
 * The observed status of one stream instance: where it is assigned and what its worker last
 * reported about that assignment. A report counts only when it comes from the assigned worker at
 * the assigned epoch; until then the instance is {@link State#PENDING} with zero counters.
 *
 * @param instance the instance index
 * @param workerId the assigned worker, or {@code null} when the instance runs nowhere
 * @param workerName that worker's name, or {@code null}
 * @param epoch the assignment's epoch, 0 when unassigned
 * @param revision the revision the instance is assigned to run, 0 when unassigned
 * @param reportedRevision the revision the worker reports running, 0 without a report
 * @param state the observed state
 * @param recordsIn records read since the instance started on its worker
 * @param recordsOut records written since then
 * @param errors records that failed in a processor or connector
 * @param deadLettered records sent to the dead-letter topic
 * @param dropped records dropped by the error policy
 * @param lag records waiting to be read, -1 when unknown
 * @param error why the instance failed, or {@code null}
 * @param updatedAt when the worker last reported, or {@code null}
 * @param recordsInPerSec read rate over the last second or more, {@code null} until known
 * @param recordsOutPerSec write rate over the same time, {@code null} until known
 */
public record InstanceStatus(
    int instance,
    String workerId,
    String workerName,
    long epoch,
    long revision,
    long reportedRevision,
    State state,
    long recordsIn,
    long recordsOut,
    long errors,
    long deadLettered,
    long dropped,
    long lag,
    String error,
    Instant updatedAt,
    Double recordsInPerSec,
    Double recordsOutPerSec) {

  /** What an instance is doing. */
  public enum State {
    /** Not running yet: waiting for a worker, or for the assigned worker's first report. */
    PENDING,
    /** The worker is starting it. */
    STARTING,
    RUNNING,
    /** Its finite input ran out and everything was written. */
    COMPLETED,
    /** It stopped on an error; see {@link InstanceStatus#error()}. */
    FAILED,
    /** Stopped on purpose: the stream is paused, or the worker is shutting it down. */
    STOPPED;

    /** The lower-case word stored in {@code instance_status.state} and shown to users. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The state stored as {@code word}. */
    public static State ofWord(String word) {
      return valueOf(word.toUpperCase(Locale.ROOT));
    }
  }

  /** An instance without a report for its current assignment. */
  static InstanceStatus unreported(
      int instance, String workerId, String workerName, long epoch, long revision, State state) {
    return new InstanceStatus(instance, workerId, workerName, epoch, revision, 0, state,
        0, 0, 0, 0, 0, -1, null, null, null, null);
  }
}
