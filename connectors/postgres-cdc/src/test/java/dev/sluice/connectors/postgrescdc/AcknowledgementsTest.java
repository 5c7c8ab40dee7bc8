package dev.sluice.connectors.postgrescdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.record.Record;
import dev.sluice.connectors.postgrescdc.CaptureEngine.Change;
import dev.sluice.connectors.postgrescdc.CaptureEngine.ChangeBatch;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class AcknowledgementsTest {

  private final Committer committer = new Committer();
  private final Acknowledgements acknowledgements = new Acknowledgements();

  @Test
  void acknowledgingAPositionMarksEverythingUpToItsRecordAndCommitsOnce() throws Exception {
    List<Change> changes = List.of(change(1), change(2), change(3));
    acknowledgements.polled(new ChangeBatch(changes, committer));

    Map<String, Object> offset = acknowledgements.acknowledge(changes.get(1).record().position());

    assertThat(committer.marked).containsExactly(lsn(changes.get(0)), lsn(changes.get(1)));
    assertThat(committer.batchesFinished).isEqualTo(1);
    assertThat(offset).containsEntry("lsn", 2L);
  }

  @Test
  void equalPositionsAreTakenByIdentityFirst() throws Exception {
    // Snapshot records share one offset until the last.
    List<Change> changes = List.of(change(5), change(5), change(5));
    acknowledgements.polled(new ChangeBatch(changes, committer));

    acknowledgements.acknowledge(changes.get(0).record().position());
    assertThat(committer.marked).hasSize(1);

    acknowledgements.acknowledge(Map.of("lsn", 5L));
    assertThat(committer.marked).hasSize(3);
  }

  @Test
  void changesWithoutRecordGoAlongOnlyWhenNothingUnacknowledgedIsAheadOfThem() throws Exception {
    Change first = change(1);
    Change heartbeat = heartbeat(2);
    Change second = change(3);
    Change lateHeartbeat = heartbeat(4);
    acknowledgements.polled(new ChangeBatch(List.of(first, heartbeat, second, lateHeartbeat),
        committer));

    assertThat(acknowledgements.confirmRecordless()).isNull();
    acknowledgements.acknowledge(first.record().position());
    assertThat(committer.marked).containsExactly(1L, 2L);

    acknowledgements.acknowledge(second.record().position());
    assertThat(committer.marked).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void anUnknownPositionConfirmsNothing() throws Exception {
    acknowledgements.polled(new ChangeBatch(List.of(change(1)), committer));

    assertThat(acknowledgements.acknowledge(Map.of("lsn", 99L))).isNull();
    assertThat(committer.marked).isEmpty();
    assertThat(committer.batchesFinished).isZero();
  }

  private static Change change(long lsn) {
    Map<String, Object> position = Map.of("lsn", lsn);
    return new Change(event(lsn), new dev.sluice.api.component.SourceRecord(
        Record.of(Map.of("op", "c"), 0), position));
  }

  private static Change heartbeat(long lsn) {
    return new Change(event(lsn), null);
  }

  private static RecordChangeEvent<SourceRecord> event(long lsn) {
    SourceRecord record = new SourceRecord(Map.of("server", "test"), Map.of("lsn", lsn), "topic",
        null, null);
    return () -> record;
  }

  private static long lsn(Change change) {
    return (Long) change.event().record().sourceOffset().get("lsn");
  }

  /** Records what the source confirms to Debezium. */
  private static final class Committer
      implements DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> {
    final List<Long> marked = new ArrayList<>();
    int batchesFinished;

    @Override
    public void markProcessed(RecordChangeEvent<SourceRecord> record) {
      marked.add((Long) record.record().sourceOffset().get("lsn"));
    }

    @Override
    public void markBatchFinished() {
      batchesFinished++;
    }

    @Override
    public void markProcessed(RecordChangeEvent<SourceRecord> record,
        DebeziumEngine.Offsets sourceOffsets) {
      throw new UnsupportedOperationException();
    }

    @Override
    public DebeziumEngine.Offsets buildOffsets() {
      throw new UnsupportedOperationException();
    }
  }
}
