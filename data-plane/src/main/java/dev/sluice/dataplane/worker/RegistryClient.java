package dev.sluice.dataplane.worker;

import dev.sluice.proto.v1.HeartbeatRequest;
import dev.sluice.proto.v1.HeartbeatResponse;
import dev.sluice.proto.v1.RegisterRequest;
import dev.sluice.proto.v1.RegisterResponse;
import dev.sluice.proto.v1.ResolveSecretsRequest;
import dev.sluice.proto.v1.ResolveSecretsResponse;
import dev.sluice.proto.v1.StatusReport;
import dev.sluice.proto.v1.WorkerRegistryGrpc;
import io.grpc.CallCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** The worker's side of the {@code WorkerRegistry} gRPC service, authenticated by the join token. */
final class RegistryClient implements AutoCloseable {

  private static final long DEADLINE_SECONDS = 5;
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final ManagedChannel channel;
  private final WorkerRegistryGrpc.WorkerRegistryBlockingStub stub;

  /** A client of the registry at {@code target}, over TLS when {@code tls} is given. */
  RegistryClient(String target, String joinToken, RegistryTls tls) {
    this.channel = tls == null
        ? ManagedChannelBuilder.forTarget(target).usePlaintext().build()
        : Grpc.newChannelBuilder(target, tls.credentials()).build();
    this.stub = WorkerRegistryGrpc.newBlockingStub(channel).withCallCredentials(new BearerToken(joinToken));
  }

  RegisterResponse register(RegisterRequest request) {
    return stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).register(request);
  }

  HeartbeatResponse heartbeat(HeartbeatRequest request) {
    return stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).heartbeat(request);
  }

  void report(StatusReport report) {
    stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).reportStatus(report);
  }

  ResolveSecretsResponse resolveSecrets(ResolveSecretsRequest request) {
    return stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).resolveSecrets(request);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdown().awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  /** Sends {@code authorization: Bearer <token>} with every call. */
  private static final class BearerToken extends CallCredentials {

    private final String token;

    BearerToken(String token) {
      this.token = token;
    }

    @Override
    public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
      Metadata headers = new Metadata();
      headers.put(AUTHORIZATION, "Bearer " + token);
      applier.apply(headers);
    }
  }
}
