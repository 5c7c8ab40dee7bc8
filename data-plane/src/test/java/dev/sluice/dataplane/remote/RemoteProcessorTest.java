package dev.sluice.dataplane.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.proto.v1.ErrorKind;
import dev.sluice.proto.v1.PluginRecord;
import dev.sluice.proto.v1.ProcessRequest;
import dev.sluice.proto.v1.ProcessResponse;
import dev.sluice.proto.v1.ProcessorPluginGrpc;
import dev.sluice.proto.v1.RecordBatch;
import dev.sluice.proto.v1.RecordError;
import dev.sluice.proto.v1.RecordOutput;
import dev.sluice.proto.v1.RecordResult;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a real gRPC server that misbehaves on purpose: it answers some batches late
 * and out of order, fails every third batch transiently once, and leaves some batches unanswered
 * on their first try so that only the call timeout gets them through.
 */
class RemoteProcessorTest {

  private final Set<Long> seen = ConcurrentHashMap.newKeySet();
  private final AtomicInteger transientErrors = new AtomicInteger();
  private final AtomicInteger answeredOutOfOrder = new AtomicInteger();
  private final AtomicInteger ignored = new AtomicInteger();
  private Server server;

  @BeforeEach
  void startServer() throws Exception {
    server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .addService(new Misbehaving())
        .build().start();
  }

  @AfterEach
  void stopServer() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void deliversEveryBatchOnceInSubmissionOrderThroughTransientErrorsReorderingAndTimeouts() throws Exception {
    List<PluginRecord> input = PluginContractIT.records(5_000);
    RemoteProcessorSettings settings = new RemoteProcessorSettings(
        10, 8, Duration.ofMillis(500), Duration.ofMillis(10), Duration.ofMillis(100));

    List<RemoteResult> results;
    try (RemoteProcessor remote = new RemoteProcessor("test", "127.0.0.1:" + server.getPort(), "{}", settings)) {
      results = remote.process(input).get(2, TimeUnit.MINUTES);
    }

    assertThat(results).hasSize(input.size());
    for (int i = 0; i < input.size(); i++) {
      assertThat(results.get(i)).isEqualTo(new RemoteResult.Output(List.of(input.get(i))));
    }
    assertThat(transientErrors).hasPositiveValue();
    assertThat(answeredOutOfOrder).hasPositiveValue();
    assertThat(ignored).hasPositiveValue();
  }

  /** Echoes records back, badly: see the class comment. */
  private final class Misbehaving extends ProcessorPluginGrpc.ProcessorPluginImplBase {

    @Override
    public StreamObserver<ProcessRequest> process(StreamObserver<ProcessResponse> responses) {
      return new StreamObserver<>() {
        private RecordBatch held;

        @Override
        public void onNext(ProcessRequest request) {
          if (!request.hasBatch()) {
            return;
          }
          RecordBatch batch = request.getBatch();
          boolean first = seen.add(batch.getBatchId());
          long id = batch.getBatchId();
          if (first && id % 3 == 0) {
            transientErrors.incrementAndGet();
            responses.onNext(answer(batch, true));
          } else if (first && id % 50 == 7) {
            ignored.incrementAndGet();
          } else if (first && id % 2 == 1 && held == null) {
            held = batch;
          } else {
            responses.onNext(answer(batch, false));
            if (held != null) {
              answeredOutOfOrder.incrementAndGet();
              responses.onNext(answer(held, false));
              held = null;
            }
          }
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {
          responses.onCompleted();
        }
      };
    }

    private static ProcessResponse answer(RecordBatch batch, boolean failTransiently) {
      ProcessResponse.Builder response = ProcessResponse.newBuilder().setBatchId(batch.getBatchId());
      for (PluginRecord record : batch.getRecordsList()) {
        response.addResults(failTransiently
            ? RecordResult.newBuilder().setError(RecordError.newBuilder()
                .setKind(ErrorKind.ERROR_KIND_TRANSIENT).setMessage("try again"))
            : RecordResult.newBuilder().setOutput(RecordOutput.newBuilder().addRecords(record)));
      }
      return response.build();
    }
  }
}
