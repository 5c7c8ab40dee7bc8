package dev.sluice.connectors.postgrescdc;

import dev.sluice.connectors.postgrescdc.CaptureEngine.Change;
import dev.sluice.connectors.postgrescdc.CaptureEngine.ChangeBatch;
import io.debezium.engine.DebeziumEngine.RecordCommitter;
import io.debezium.engine.RecordChangeEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The changes polled but not yet acknowledged, in order, and what confirms them to Debezium.
 *
 * <p>Acknowledging a position marks every change up to its record processed and commits, so
 * Debezium stores that offset and confirms the LSN to Postgres; changes without a record
 * (heartbeats) go along with the acknowledged records before them, or at once when nothing is
 * pending ahead of them. Changes never acknowledged are never marked, so a restart from an earlier
 * position reads them again.
 *
 * <p>Not thread-safe: used by the source's one thread. Debezium's committer, called here while its
 * engine runs on, is safe for that: its offset writer is synchronized and the task only notes the
 * commit, to confirm it to Postgres on its own thread.
 */
final class Acknowledgements {

  private record Pending(Change change, RecordCommitter<RecordChangeEvent<SourceRecord>> committer) {}

  private final Deque<Pending> pending = new ArrayDeque<>();

  /** Remembers the changes of {@code batch}, just handed out. */
  void polled(ChangeBatch batch) {
    for (Change change : batch.changes()) {
      pending.add(new Pending(change, batch.committer()));
    }
  }

  /**
   * Confirms every change up to the record at {@code position} (the very map the source handed
   * out, or an equal one), and the record-less changes right after it.
   *
   * @return Debezium's offset of the last change confirmed, or {@code null} when {@code position}
   *     is not pending
   */
  Map<String, Object> acknowledge(Map<String, Object> position) throws InterruptedException {
    int last = indexOf(position);
    if (last < 0) {
      return null;
    }
    Pending marked = null;
    for (int i = 0; i <= last; i++) {
      marked = mark(pending.removeFirst());
    }
    return finish(markRecordless(marked));
  }

  /**
   * Confirms record-less changes at the head, which follow only acknowledged records.
   *
   * @return Debezium's offset of the last change confirmed, or {@code null} when there was none
   */
  Map<String, Object> confirmRecordless() throws InterruptedException {
    return finish(markRecordless(null));
  }

  /** Forgets every pending change, as when their engine stopped. */
  void clear() {
    pending.clear();
  }

  /**
   * The index of the last pending record whose position is {@code position} itself, else of the
   * last with an equal position (snapshot records share one), else -1.
   */
  private int indexOf(Map<String, Object> position) {
    int same = -1;
    int equal = -1;
    int i = 0;
    for (Iterator<Pending> it = pending.iterator(); it.hasNext(); i++) {
      dev.sluice.api.component.SourceRecord record = it.next().change().record();
      if (record == null) {
        continue;
      }
      if (record.position() == position) {
        same = i;
      } else if (Objects.equals(record.position(), position)) {
        equal = i;
      }
    }
    return same >= 0 ? same : equal;
  }

  private Pending markRecordless(Pending marked) throws InterruptedException {
    while (!pending.isEmpty() && pending.peekFirst().change().record() == null) {
      marked = mark(pending.removeFirst());
    }
    return marked;
  }

  private static Pending mark(Pending p) throws InterruptedException {
    p.committer().markProcessed(p.change().event());
    return p;
  }

  private static Map<String, Object> finish(Pending marked) throws InterruptedException {
    if (marked == null) {
      return null;
    }
    marked.committer().markBatchFinished();
    return ChangeEventConverter.position(marked.change().event().record());
  }
}
