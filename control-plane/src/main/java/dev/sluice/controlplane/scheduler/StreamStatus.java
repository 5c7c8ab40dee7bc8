package dev.sluice.controlplane.scheduler;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The observed status of a stream, aggregated from its instances.
 *
 * @param namespace the stream's namespace
 * @param name the stream's name
 * @param revision the stream's current revision
 * @param state the aggregate state, see {@link #of}
 * @param error the error of the first failed instance when {@link State#FAILED}, else {@code null}
 * @param instances one entry per instance {@code 0..parallelism-1}, in order
 */
public record StreamStatus(
    String namespace,
    String name,
    long revision,
    State state,
    String error,
    List<InstanceStatus> instances) {

  /** What a stream is doing, as users see it. */
  public enum State {
    /** Active but not every instance reports running yet (or no worker can take one). */
    PENDING,
    /** Every instance runs (or some have completed and the rest run). */
    RUNNING,
    /** Desired state paused. */
    PAUSED,
    /** Every instance completed: its finite input ran out. */
    COMPLETED,
    /** At least one instance failed. */
    FAILED
  }

  /**
   * Aggregates the instances: {@code PAUSED} when the stream is desired paused; else {@code FAILED}
   * when any instance failed (with the first failed instance's error); else {@code COMPLETED} when
   * every instance completed; else {@code RUNNING} when every instance runs or completed; else
   * {@code PENDING}. A stream without instances is {@code PENDING}.
   */
  public static StreamStatus of(
      String namespace, String name, long revision, boolean paused,
      List<InstanceStatus> instances) {
    State state;
    String error = null;
    InstanceStatus failed = instances.stream()
        .filter(instance -> instance.state() == InstanceStatus.State.FAILED)
        .findFirst()
        .orElse(null);
    if (paused) {
      state = State.PAUSED;
    } else if (failed != null) {
      state = State.FAILED;
      error = "instance " + failed.instance() + ": " + failed.error();
    } else if (!instances.isEmpty() && all(instances, InstanceStatus.State.COMPLETED)) {
      state = State.COMPLETED;
    } else if (!instances.isEmpty()
        && all(instances, InstanceStatus.State.RUNNING, InstanceStatus.State.COMPLETED)) {
      state = State.RUNNING;
    } else {
      state = State.PENDING;
    }
    return new StreamStatus(namespace, name, revision, state, error, List.copyOf(instances));
  }

  private static boolean all(List<InstanceStatus> instances, InstanceStatus.State... states) {
    List<InstanceStatus.State> allowed = List.of(states);
    return instances.stream().allMatch(instance -> allowed.contains(instance.state()));
  }

  /** The stream's read rate: the sum of its instances' known rates. */
  public double recordsInPerSec() {
    return sum(InstanceStatus::recordsInPerSec);
  }

  /** The stream's write rate: the sum of its instances' known rates. */
  public double recordsOutPerSec() {
    return sum(InstanceStatus::recordsOutPerSec);
  }

  private double sum(Function<InstanceStatus, Double> rate) {
    return instances.stream().map(rate).filter(Objects::nonNull)
        .mapToDouble(Double::doubleValue).sum();
  }
}
