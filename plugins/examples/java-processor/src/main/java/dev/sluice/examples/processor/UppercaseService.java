package dev.sluice.examples.processor;

import dev.sluice.proto.v1.DescribeRequest;
import dev.sluice.proto.v1.DescribeResponse;
import dev.sluice.proto.v1.ProcessRequest;
import dev.sluice.proto.v1.ProcessResponse;
import dev.sluice.proto.v1.ProcessorPluginGrpc;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.Executor;

/**
 * The {@code ProcessorPlugin} service around {@link UppercaseFunction}. Each Process stream is an
 * {@link UppercaseStream}; batches are transformed on {@code workers}, several at once.
 */
final class UppercaseService extends ProcessorPluginGrpc.ProcessorPluginImplBase {

  private final Executor workers;

  /** @param workers runs the batches of every stream; its size is how many run at once */
  UppercaseService(Executor workers) {
    this.workers = workers;
  }

  @Override
  public void describe(DescribeRequest request, StreamObserver<DescribeResponse> response) {
    response.onNext(DescribeResponse.newBuilder()
        .setName("uppercase")
        .setSummary("Upper-cases one text field of each JSON object value.")
        .setConfigSchemaJson(UppercaseFunction.CONFIG_SCHEMA)
        .build());
    response.onCompleted();
  }

  @Override
  public StreamObserver<ProcessRequest> process(StreamObserver<ProcessResponse> responses) {
    return new UppercaseStream(responses, workers);
  }
}
