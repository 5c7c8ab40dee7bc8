package dev.sluice.dataplane.remote;

import dev.sluice.dataplane.pipeline.Backoff;
import dev.sluice.proto.v1.PluginRecord;
import dev.sluice.proto.v1.ProcessRequest;
import dev.sluice.proto.v1.RecordBatch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One batch a {@link RemoteProcessor} accepted and has not delivered yet. Guarded by the
 * processor's lock; only {@link #future} is completed outside it.
 */
final class PendingBatch {

  final long id;
  final int size;
  /** Built once: the same bytes go out again on every re-send. */
  final ProcessRequest request;
  final CompletableFuture<List<RemoteResult>> future = new CompletableFuture<>();
  /** Waits between re-sends after transient errors of this batch. */
  final Backoff transientBackoff;
  /** The answer, once a complete one arrived; delivered when every earlier batch is. */
  List<RemoteResult> results;
  /** The stream the batch was last sent on, or null while it waits to be sent. */
  Object sentOn;
  /** Fires when the answer is late; cancelled when it comes. */
  ScheduledFuture<?> timeout;

  PendingBatch(long id, List<PluginRecord> records, Duration firstBackoff, Duration maxBackoff) {
    this.id = id;
    this.size = records.size();
    this.request = ProcessRequest.newBuilder()
        .setBatch(RecordBatch.newBuilder().setBatchId(id).addAllRecords(records))
        .build();
    this.transientBackoff = new Backoff(firstBackoff, maxBackoff);
  }

  /** Forgets where the batch was sent, so that it is sent again. */
  void unsend() {
    sentOn = null;
    if (timeout != null) {
      timeout.cancel(false);
      timeout = null;
    }
  }
}
