package dev.sluice.controlplane.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides where every desired stream instance runs, as a pure function of what is desired, what
 * is assigned and which workers are live; the {@link AssignmentReconciler} applies the result.
 *
 * <p>The rules, in order:
 *
 * <ol>
 *   <li>An assignment stays where it is while its stream is desired, its instance is below the
 *       parallelism and its worker is live (sticky).
 *   <li>Every other desired instance goes to the live worker with room that runs the fewest
 *       instances of the same stream (spread), then the fewest instances overall, then the lowest
 *       id (so the result is deterministic).
 *   <li>Then at most one instance moves from the most loaded worker to the least loaded one, when
 *       their counts differ by more than one; it is an instance of a stream that the target does
 *       not run yet, if there is one. Moving one per pass keeps a joining worker from restarting
 *       half the cluster at once.
 * </ol>
 *
 * <p>Stateless and thread-safe.
 */
final class AssignmentPlanner {

  private AssignmentPlanner() {}

  /**
   * The changes that turn {@code current} into the planned assignments, in instance order.
   *
   * @param desired the streams that should run
   * @param current the assignments in the table
   * @param workers the live workers
   */
  static List<AssignmentChange> plan(
      List<DesiredStream> desired, List<CurrentAssignment> current, List<LiveWorker> workers) {
    Map<StreamKey, DesiredStream> streams =
        desired.stream().collect(Collectors.toMap(DesiredStream::key, Function.identity()));
    Placement placement = new Placement(workers);
    current.stream()
        .sorted(Comparator.comparing(CurrentAssignment::instance))
        .filter(assignment -> isDesired(assignment.instance(), streams))
        .forEach(assignment -> placement.keep(assignment.instance(), assignment.workerId()));
    desired.stream()
        .sorted(Comparator.comparing(DesiredStream::key))
        .forEach(stream -> placement.placeMissing(stream.key(), stream.parallelism()));
    placement.rebalanceOne();
    return diff(current, placement.target(), streams);
  }

  private static boolean isDesired(InstanceKey instance, Map<StreamKey, DesiredStream> streams) {
    DesiredStream stream = streams.get(instance.stream());
    return stream != null && instance.instance() < stream.parallelism();
  }

  private static List<AssignmentChange> diff(
      List<CurrentAssignment> current,
      Map<InstanceKey, String> target,
      Map<StreamKey, DesiredStream> streams) {
    Map<InstanceKey, AssignmentChange> changes = new TreeMap<>();
    Map<InstanceKey, CurrentAssignment> existing = new HashMap<>();
    for (CurrentAssignment assignment : current) {
      existing.put(assignment.instance(), assignment);
      if (!target.containsKey(assignment.instance())) {
        changes.put(assignment.instance(), new AssignmentChange.Unassign(assignment.instance()));
      }
    }
    target.forEach((instance, workerId) -> {
      long revision = streams.get(instance.stream()).revision();
      CurrentAssignment before = existing.get(instance);
      if (before == null || !before.workerId().equals(workerId)) {
        changes.put(instance, new AssignmentChange.Assign(instance, workerId, revision));
      } else if (before.revision() != revision) {
        changes.put(instance, new AssignmentChange.Revise(instance, revision));
      }
    });
    return List.copyOf(changes.values());
  }

  /** The assignments being planned, with per-worker counts kept up to date. */
  private static final class Placement {

    private final Map<String, LiveWorker> workers = new TreeMap<>();
    private final Map<InstanceKey, String> target = new TreeMap<>();
    private final Map<String, Integer> load = new HashMap<>();
    private final Map<String, Map<StreamKey, Integer>> streamLoad = new HashMap<>();

    Placement(List<LiveWorker> live) {
      live.forEach(worker -> workers.put(worker.id(), worker));
    }

    Map<InstanceKey, String> target() {
      return target;
    }

    void keep(InstanceKey instance, String workerId) {
      if (workers.containsKey(workerId)) {
        put(instance, workerId);
      }
    }

    void placeMissing(StreamKey stream, int parallelism) {
      for (int i = 0; i < parallelism; i++) {
        InstanceKey instance = new InstanceKey(stream, i);
        if (!target.containsKey(instance)) {
          workers.values().stream()
              .filter(worker -> worker.hasRoomFor(load(worker.id())))
              .min(Comparator.comparingInt((LiveWorker w) -> streamLoad(w.id(), stream))
                  .thenComparingInt(w -> load(w.id())))
              .ifPresent(worker -> put(instance, worker.id()));
        }
      }
    }

    void rebalanceOne() {
      Optional<String> most = workers.keySet().stream()
          .max(Comparator.comparingInt(this::load).thenComparing(Comparator.reverseOrder()));
      Optional<String> least = workers.values().stream()
          .filter(worker -> worker.hasRoomFor(load(worker.id())))
          .map(LiveWorker::id)
          .min(Comparator.comparingInt(this::load));
      if (most.isEmpty() || least.isEmpty() || load(most.get()) - load(least.get()) <= 1) {
        return;
      }
      String from = most.get();
      String to = least.get();
      List<InstanceKey> candidates = new ArrayList<>();
      target.forEach((instance, workerId) -> {
        if (workerId.equals(from)) {
          candidates.add(instance);
        }
      });
      InstanceKey moving = candidates.stream()
          .filter(instance -> streamLoad(to, instance.stream()) == 0)
          .findFirst()
          .orElse(candidates.getFirst());
      remove(moving, from);
      put(moving, to);
    }

    private void put(InstanceKey instance, String workerId) {
      target.put(instance, workerId);
      load.merge(workerId, 1, Integer::sum);
      streamLoad.computeIfAbsent(workerId, id -> new HashMap<>())
          .merge(instance.stream(), 1, Integer::sum);
    }

    private void remove(InstanceKey instance, String workerId) {
      target.remove(instance);
      load.merge(workerId, -1, Integer::sum);
      streamLoad.get(workerId).merge(instance.stream(), -1, Integer::sum);
    }

    private int load(String workerId) {
      return load.getOrDefault(workerId, 0);
    }

    private int streamLoad(String workerId, StreamKey stream) {
      return streamLoad.getOrDefault(workerId, Map.of()).getOrDefault(stream, 0);
    }
  }
}
