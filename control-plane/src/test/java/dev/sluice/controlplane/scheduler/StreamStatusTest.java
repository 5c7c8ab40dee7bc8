package dev.sluice.controlplane.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.controlplane.scheduler.InstanceStatus.State;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamStatusTest {

  @Test
  void pausedWinsOverEverything() {
    assertThat(aggregate(true, State.FAILED, State.RUNNING).state())
        .isEqualTo(StreamStatus.State.PAUSED);
  }

  @Test
  void failsWithTheErrorOfTheFirstFailedInstance() {
    StreamStatus status = StreamStatus.of("shop", "orders", 3, false, List.of(
        instance(0, State.RUNNING, null),
        instance(1, State.FAILED, "output http: 400 Bad Request"),
        instance(2, State.FAILED, "later")));

    assertThat(status.state()).isEqualTo(StreamStatus.State.FAILED);
    assertThat(status.error()).isEqualTo("instance 1: output http: 400 Bad Request");
  }

  @Test
  void completesWhenEveryInstanceCompleted() {
    assertThat(aggregate(false, State.COMPLETED, State.COMPLETED).state())
        .isEqualTo(StreamStatus.State.COMPLETED);
  }

  @Test
  void runsWhenEveryInstanceRunsOrCompleted() {
    assertThat(aggregate(false, State.RUNNING, State.COMPLETED).state())
        .isEqualTo(StreamStatus.State.RUNNING);
  }

  @Test
  void isPendingWhileAnInstanceIsNotRunning() {
    assertThat(aggregate(false, State.RUNNING, State.STARTING).state())
        .isEqualTo(StreamStatus.State.PENDING);
    assertThat(aggregate(false, State.RUNNING, State.PENDING).state())
        .isEqualTo(StreamStatus.State.PENDING);
    assertThat(aggregate(false, State.RUNNING, State.STOPPED).state())
        .isEqualTo(StreamStatus.State.PENDING);
  }

  @Test
  void isPendingWithoutInstances() {
    assertThat(aggregate(false).state()).isEqualTo(StreamStatus.State.PENDING);
  }

  @Test
  void sumsTheKnownRatesOfItsInstances() {
    InstanceStatus measured = new InstanceStatus(0, "w", "w", 1, 1, 1, State.RUNNING,
        10, 8, 0, 0, 0, 0, null, null, 2.5, 2.0);
    InstanceStatus unmeasured = instance(1, State.RUNNING, null);

    StreamStatus status = StreamStatus.of("shop", "orders", 1, false, List.of(measured, unmeasured));

    assertThat(status.recordsInPerSec()).isEqualTo(2.5);
    assertThat(status.recordsOutPerSec()).isEqualTo(2.0);
  }

  private static StreamStatus aggregate(boolean paused, State... states) {
    List<InstanceStatus> instances = new ArrayList<>();
    for (int i = 0; i < states.length; i++) {
      instances.add(instance(i, states[i], null));
    }
    return StreamStatus.of("shop", "orders", 1, paused, instances);
  }

  private static InstanceStatus instance(int index, State state, String error) {
    return new InstanceStatus(index, "w", "w", 1, 1, 1, state,
        0, 0, 0, 0, 0, -1, error, null, null, null);
  }
}
