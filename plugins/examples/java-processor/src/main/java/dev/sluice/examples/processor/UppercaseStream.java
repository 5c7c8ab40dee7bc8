package dev.sluice.examples.processor;

import com.google.protobuf.UnsafeByteOperations;
import dev.sluice.proto.v1.ErrorKind;
import dev.sluice.proto.v1.PluginRecord;
import dev.sluice.proto.v1.ProcessRequest;
import dev.sluice.proto.v1.ProcessResponse;
import dev.sluice.proto.v1.RecordBatch;
import dev.sluice.proto.v1.RecordError;
import dev.sluice.proto.v1.RecordOutput;
import dev.sluice.proto.v1.RecordResult;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Process stream: the first message configures the function, each batch is transformed on a
 * worker thread and answered as soon as it is done, so answers may overtake each other (the
 * worker puts them back in order). gRPC delivers this stream's messages one at a time; answers
 * come from several threads and are sent under {@code sending}, as a StreamObserver requires.
 */
final class UppercaseStream implements StreamObserver<ProcessRequest> {

  private static final Logger log = LoggerFactory.getLogger(UppercaseStream.class);

  private final StreamObserver<ProcessResponse> responses;
  private final Executor workers;
  private final Object sending = new Object();
  private UppercaseFunction function;
  // Guarded by sending.
  private int unanswered;
  private boolean workerDone;
  private boolean ended;

  UppercaseStream(StreamObserver<ProcessResponse> responses, Executor workers) {
    this.responses = responses;
    this.workers = workers;
  }

  @Override
  public void onNext(ProcessRequest request) {
    switch (request.getRequestCase()) {
      case CONFIGURE -> configure(request.getConfigure().getConfigJson());
      case BATCH -> accept(request.getBatch());
      default -> refuse("expected configure or batch, got " + request.getRequestCase());
    }
  }

  private void configure(String configJson) {
    try {
      function = UppercaseFunction.fromConfig(configJson);
      log.info("stream configured: {}", configJson);
    } catch (IllegalArgumentException e) {
      refuse(e.getMessage());
    }
  }

  private void accept(RecordBatch batch) {
    UppercaseFunction configured = function;
    if (configured == null) {
      refuse("a batch came before configure; send configure first");
      return;
    }
    synchronized (sending) {
      unanswered++;
    }
    workers.execute(() -> answer(transform(configured, batch)));
  }

  private static ProcessResponse transform(UppercaseFunction function, RecordBatch batch) {
    ProcessResponse.Builder response = ProcessResponse.newBuilder().setBatchId(batch.getBatchId());
    for (PluginRecord record : batch.getRecordsList()) {
      response.addResults(transform(function, record));
    }
    return response.build();
  }

  private static RecordResult transform(UppercaseFunction function, PluginRecord record) {
    if (!record.hasValue()) {
      return RecordResult.newBuilder().setOutput(RecordOutput.newBuilder().addRecords(record)).build();
    }
    try {
      byte[] value = function.apply(record.getValue().toByteArray());
      // The array is new and never changed again: no need to copy it once more.
      PluginRecord out = record.toBuilder().setValue(UnsafeByteOperations.unsafeWrap(value)).build();
      return RecordResult.newBuilder().setOutput(RecordOutput.newBuilder().addRecords(out)).build();
    } catch (IllegalArgumentException e) {
      return RecordResult.newBuilder().setError(RecordError.newBuilder()
          .setKind(ErrorKind.ERROR_KIND_PERMANENT).setMessage(e.getMessage())).build();
    }
  }

  private void answer(ProcessResponse response) {
    synchronized (sending) {
      unanswered--;
      if (!ended) {
        responses.onNext(response);
        completeIfDone();
      }
    }
  }

  private void refuse(String message) {
    log.warn("refusing the stream: {}", message);
    synchronized (sending) {
      if (!ended) {
        ended = true;
        responses.onError(Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException());
      }
    }
  }

  /** Ends the stream once the worker is done sending and every batch is answered. */
  private void completeIfDone() {
    if (workerDone && unanswered == 0 && !ended) {
      ended = true;
      responses.onCompleted();
    }
  }

  @Override
  public void onError(Throwable error) {
    log.debug("stream ended by the worker: {}", error.toString());
    synchronized (sending) {
      ended = true;
    }
  }

  @Override
  public void onCompleted() {
    synchronized (sending) {
      workerDone = true;
      completeIfDone();
    }
  }
}
