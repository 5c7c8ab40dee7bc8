package dev.sluice.controlplane.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AssignmentPlannerTest {

  private static final StreamKey ORDERS = new StreamKey("shop", "orders");
  private static final StreamKey CLICKS = new StreamKey("web", "clicks");

  @Test
  void spreadsAStreamOverWorkersBeforeDoublingUp() {
    List<AssignmentChange> changes = AssignmentPlanner.plan(
        List.of(new DesiredStream(ORDERS, 1, 4)), List.of(), workers("a", "b", "c"));

    assertThat(changes).containsExactly(
        assign(ORDERS, 0, "a", 1), assign(ORDERS, 1, "b", 1),
        assign(ORDERS, 2, "c", 1), assign(ORDERS, 3, "a", 1));
  }

  @Test
  void prefersAWorkerWithoutTheStreamAndThenRebalancesAnotherStream() {
    List<CurrentAssignment> current = List.of(
        current(CLICKS, 0, "a"), current(CLICKS, 1, "a"), current(ORDERS, 0, "b"));

    List<AssignmentChange> changes = AssignmentPlanner.plan(
        List.of(new DesiredStream(CLICKS, 1, 2), new DesiredStream(ORDERS, 1, 2)),
        current, workers("a", "b"));

    // orders-1 goes to a, which does not run orders yet though it runs more; a then runs 3 and b
    // 1, so one clicks instance moves to b: both streams end up spread.
    assertThat(changes).containsExactly(assign(ORDERS, 1, "a", 1), assign(CLICKS, 0, "b", 1));
  }

  @Test
  void placesOnTheLeastLoadedWorkerWhenSpreadTies() {
    List<CurrentAssignment> current = List.of(current(CLICKS, 0, "a"), current(CLICKS, 1, "b"));

    List<AssignmentChange> changes = AssignmentPlanner.plan(
        List.of(new DesiredStream(CLICKS, 1, 2), new DesiredStream(ORDERS, 1, 1)),
        current, workers("a", "b", "c"));

    assertThat(changes).containsExactly(assign(ORDERS, 0, "c", 1));
  }

  @Test
  void changesNothingWhenEverythingIsInPlace() {
    List<CurrentAssignment> current =
        List.of(current(ORDERS, 0, "b"), current(ORDERS, 1, "a"), current(ORDERS, 2, "c"));

    assertThat(AssignmentPlanner.plan(
        List.of(new DesiredStream(ORDERS, 1, 3)), current, workers("a", "b", "c"))).isEmpty();
  }

  @Test
  void movesOnlyTheInstancesOfADeadWorker() {
    List<CurrentAssignment> current =
        List.of(current(ORDERS, 0, "a"), current(ORDERS, 1, "b"), current(ORDERS, 2, "c"));

    List<AssignmentChange> changes = AssignmentPlanner.plan(
        List.of(new DesiredStream(ORDERS, 1, 3)), current, workers("a", "c"));

    assertThat(changes).containsExactly(assign(ORDERS, 1, "a", 1));
  }

  @Test
  void unassignsInstancesOfUndesiredStreamsAndBeyondTheParallelism() {
    List<CurrentAssignment> current = List.of(
        current(CLICKS, 0, "a"), current(ORDERS, 0, "a"), current(ORDERS, 1, "b"));

    List<AssignmentChange> changes = AssignmentPlanner.plan(
        List.of(new DesiredStream(ORDERS, 1, 1)), current, workers("a", "b"));

    assertThat(changes).containsExactly(
        new AssignmentChange.Unassign(new InstanceKey(ORDERS, 1)),
        new AssignmentChange.Unassign(new InstanceKey(CLICKS, 0)));
  }

  @Test
  void revisesInPlaceWhenOnlyTheRevisionChanged() {
    List<CurrentAssignment> current = List.of(current(ORDERS, 0, "a"), current(ORDERS, 1, "b"));

    List<AssignmentChange> changes = AssignmentPlanner.plan(
        List.of(new DesiredStream(ORDERS, 2, 2)), current, workers("a", "b"));

    assertThat(changes).containsExactly(
        new AssignmentChange.Revise(new InstanceKey(ORDERS, 0), 2),
        new AssignmentChange.Revise(new InstanceKey(ORDERS, 1), 2));
  }

  @Test
  void rebalancesOneInstancePerPassUntilCountsDifferByAtMostOne() {
    List<CurrentAssignment> current = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      current.add(current(ORDERS, i, "a"));
    }
    List<DesiredStream> desired = List.of(new DesiredStream(ORDERS, 1, 6));
    List<Map<String, Long>> loads = new ArrayList<>();
    for (int pass = 0; pass < 4; pass++) {
      List<AssignmentChange> changes = AssignmentPlanner.plan(desired, current, workers("a", "b"));
      assertThat(changes).as("pass %d", pass).hasSizeLessThanOrEqualTo(1);
      changes.forEach(change -> apply(current, (AssignmentChange.Assign) change));
      loads.add(load(current));
    }

    assertThat(loads).containsExactly(
        Map.of("a", 5L, "b", 1L), Map.of("a", 4L, "b", 2L),
        Map.of("a", 3L, "b", 3L), Map.of("a", 3L, "b", 3L));
  }

  @Test
  void rebalancingMovesAStreamTheTargetDoesNotRunYet() {
    List<CurrentAssignment> current = List.of(
        current(ORDERS, 0, "a"), current(ORDERS, 1, "a"), current(CLICKS, 0, "a"),
        current(ORDERS, 2, "b"));

    List<AssignmentChange> changes = AssignmentPlanner.plan(
        List.of(new DesiredStream(CLICKS, 1, 1), new DesiredStream(ORDERS, 1, 3)),
        current, workers("a", "b"));

    assertThat(changes).containsExactly(assign(CLICKS, 0, "b", 1));
  }

  @Test
  void respectsCapacityAndLeavesTheRestUnassigned() {
    List<AssignmentChange> changes = AssignmentPlanner.plan(
        List.of(new DesiredStream(ORDERS, 1, 3)), List.of(),
        List.of(new LiveWorker("a", 1), new LiveWorker("b", 1)));

    assertThat(changes).containsExactly(assign(ORDERS, 0, "a", 1), assign(ORDERS, 1, "b", 1));
  }

  @Test
  void assignsNothingWithoutLiveWorkersAndUnassignsWhatWasOnDeadOnes() {
    List<AssignmentChange> changes = AssignmentPlanner.plan(
        List.of(new DesiredStream(ORDERS, 1, 2)), List.of(current(ORDERS, 0, "a")), List.of());

    assertThat(changes).containsExactly(new AssignmentChange.Unassign(new InstanceKey(ORDERS, 0)));
  }

  private static List<LiveWorker> workers(String... ids) {
    return Arrays.stream(ids).map(id -> new LiveWorker(id, 0)).toList();
  }

  private static CurrentAssignment current(StreamKey stream, int instance, String worker) {
    return new CurrentAssignment(new InstanceKey(stream, instance), worker, 1, 1);
  }

  private static AssignmentChange assign(
      StreamKey stream, int instance, String worker, long revision) {
    return new AssignmentChange.Assign(new InstanceKey(stream, instance), worker, revision);
  }

  private static void apply(List<CurrentAssignment> current, AssignmentChange.Assign assign) {
    current.replaceAll(assignment -> assignment.instance().equals(assign.instance())
        ? new CurrentAssignment(assign.instance(), assign.workerId(), assignment.epoch() + 1,
            assign.revision())
        : assignment);
  }

  private static Map<String, Long> load(List<CurrentAssignment> current) {
    return current.stream().collect(Collectors.groupingBy(
        CurrentAssignment::workerId, TreeMap::new, Collectors.counting()));
  }
}
