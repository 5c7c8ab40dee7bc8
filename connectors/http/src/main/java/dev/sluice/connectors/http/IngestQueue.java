package dev.sluice.connectors.http;

import com.sun.net.httpserver.HttpExchange;
import dev.sluice.api.component.SourceRecord;
import dev.sluice.api.record.Record;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The records one {@code http_server} instance received and has not handed out yet, and the
 * requests waiting for their answer.
 *
 * <p>Each record gets the next sequence number when its request is queued; a request's records
 * are numbered together, in order, so requests never interleave. {@link #poll} hands records out
 * in that order with the position {@code {"seq": n}} (plus {@code request} and {@code index} when
 * the client sent an {@code Idempotency-Key}); {@link #acknowledge} releases every request whose
 * last record is at or before the durable seq. Waiting requests hold only their exchange, not
 * their records.
 *
 * <p>Bounded: a request that would take the queued request bodies past the capacity is refused
 * (the client gets 503 and retries), except into an empty queue, so one request of the largest
 * allowed size always fits.
 *
 * <p>Thread-safe: the server's handler threads offer, the source's thread polls and acknowledges.
 */
final class IngestQueue {

  /** Whether a request was queued. */
  enum Offer {
    QUEUED,
    FULL,
    CLOSED
  }

  /** The records of one request not yet handed out. */
  private static final class Entry {
    final IngestRequest request;
    final long firstSeq;
    int next;

    Entry(IngestRequest request, long firstSeq) {
      this.request = request;
      this.firstSeq = firstSeq;
    }
  }

  /** A request waiting for its records, the last of which is {@code lastSeq}, to be durable. */
  private record Waiting(Answer answer, long lastSeq) {}

  private final long capacityBytes;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final ArrayDeque<Entry> queued = new ArrayDeque<>();
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private long nextSeq;
  private long queuedBytes;
  private boolean closed;

  /**
   * @param firstSeq the sequence number of the first record
   * @param capacityBytes how many bytes of request bodies may wait to be polled
   */
  IngestQueue(long firstSeq, long capacityBytes) {
    this.nextSeq = firstSeq;
    this.capacityBytes = capacityBytes;
  }

  /** Queues the records of {@code request}, which must have at least one. */
  Offer offer(IngestRequest request) {
    lock.lock();
    try {
      if (closed) {
        return Offer.CLOSED;
      }
      if (queuedBytes > 0 && queuedBytes + request.bodyBytes() > capacityBytes) {
        return Offer.FULL;
      }
      queued.add(new Entry(request, nextSeq));
      nextSeq += request.values().size();
      queuedBytes += request.bodyBytes();
      waiting.add(new Waiting(new Answer(request.exchange(), request.records()), nextSeq - 1));
      arrived.signal();
      return Offer.QUEUED;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Up to {@code max} records, in sequence order, waiting at most {@code timeout} for the first;
   * empty when none arrived or the queue closed.
   */
  List<SourceRecord> poll(Duration timeout, int max) throws InterruptedException {
    lock.lock();
    try {
      long nanos = timeout.toNanos();
      while (queued.isEmpty() && !closed && nanos > 0) {
        nanos = arrived.awaitNanos(nanos);
      }
      List<SourceRecord> batch = new ArrayList<>(Math.min(max, 64));
      while (!queued.isEmpty() && batch.size() < max) {
        Entry entry = queued.peek();
        IngestRequest request = entry.request;
        while (entry.next < request.values().size() && batch.size() < max) {
          batch.add(record(entry, entry.next));
          entry.next++;
        }
        if (entry.next == request.values().size()) {
          queued.poll();
          queuedBytes -= request.bodyBytes();
        }
      }
      return batch;
    } finally {
      lock.unlock();
    }
  }

  /** Removes and returns the exchanges of every request whose records are all at or before seq. */
  List<Answer> acknowledge(long seq) {
    lock.lock();
    try {
      List<Answer> done = new ArrayList<>();
      while (!waiting.isEmpty() && waiting.peek().lastSeq() <= seq) {
        done.add(waiting.poll().answer());
      }
      return done;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Refuses further requests and returns the exchanges of every request not yet answered: their
   * records are not durable, and their clients must send them again.
   */
  List<Answer> close() {
    lock.lock();
    try {
      closed = true;
      queued.clear();
      queuedBytes = 0;
      List<Answer> open = new ArrayList<>();
      waiting.forEach(w -> open.add(w.answer()));
      waiting.clear();
      arrived.signalAll();
      return open;
    } finally {
      lock.unlock();
    }
  }

  /** A request to answer: its exchange and how many records it carried. */
  record Answer(HttpExchange exchange, int records) {}

  private static SourceRecord record(Entry entry, int i) {
    IngestRequest request = entry.request;
    long seq = entry.firstSeq + i;
    Map<String, Object> position = request.idempotencyKey() == null
        ? Map.of("seq", seq)
        : Map.of("seq", seq, "request", request.idempotencyKey(), "index",
            request.skipped() + i);
    return new SourceRecord(
        new Record(null, request.values().get(i), Map.of(), request.receivedAt()), position);
  }
}
