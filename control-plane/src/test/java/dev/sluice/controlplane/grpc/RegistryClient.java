package dev.sluice.controlplane.grpc;

import dev.sluice.proto.v1.HeartbeatRequest;
import dev.sluice.proto.v1.HeartbeatResponse;
import dev.sluice.proto.v1.InstanceReport;
import dev.sluice.proto.v1.InstanceState;
import dev.sluice.proto.v1.RegisterRequest;
import dev.sluice.proto.v1.RegisterResponse;
import dev.sluice.proto.v1.ResolveSecretsRequest;
import dev.sluice.proto.v1.ResolveSecretsResponse;
import dev.sluice.proto.v1.StatusReport;
import dev.sluice.proto.v1.WorkerRegistryGrpc;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A worker's side of the registry over a real channel, for tests. */
public final class RegistryClient implements AutoCloseable {

  private final ManagedChannel channel;
  private final WorkerRegistryGrpc.WorkerRegistryBlockingStub stub;

  private RegistryClient(ManagedChannel channel, String token) {
    this.channel = channel;
    WorkerRegistryGrpc.WorkerRegistryBlockingStub plain =
        WorkerRegistryGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    if (token == null) {
      this.stub = plain;
    } else {
      Metadata headers = new Metadata();
      headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
          "Bearer " + token);
      this.stub = plain.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
  }

  /** A plaintext client of {@code localhost:port} sending {@code token} (none when null). */
  public static RegistryClient plaintext(int port, String token) {
    return connect(port, InsecureChannelCredentials.create(), token);
  }

  /** A client of {@code localhost:port} with the given credentials. */
  public static RegistryClient connect(int port, ChannelCredentials credentials, String token) {
    return new RegistryClient(
        Grpc.newChannelBuilderForAddress("localhost", port, credentials).build(), token);
  }

  /** Registers a worker of that name with capacity 0 (no limit). */
  public RegisterResponse register(String name) {
    return stub.register(RegisterRequest.newBuilder()
        .setName(name)
        .setHost("host-" + name)
        .setVersion("test")
        .addComponents("input/generate")
        .build());
  }

  /** Heartbeats with the given reports and a fixed load. */
  public HeartbeatResponse heartbeat(String workerId, List<InstanceReport> reports) {
    return stub.heartbeat(HeartbeatRequest.newBuilder()
        .setWorkerId(workerId)
        .setCpuLoad(0.25)
        .setMemoryUsedBytes(100)
        .setMemoryMaxBytes(1000)
        .addAllInstances(reports)
        .build());
  }

  /** Reports one instance. */
  public void report(String workerId, InstanceReport report) {
    stub.reportStatus(StatusReport.newBuilder().setWorkerId(workerId).setInstance(report).build());
  }

  /** Asks for the values of {@code names} for stream {@code namespace/name}. */
  public ResolveSecretsResponse resolveSecrets(String workerId, String namespace, String name, String... names) {
    return stub.resolveSecrets(ResolveSecretsRequest.newBuilder().setWorkerId(workerId).setNamespace(namespace)
        .setName(name).addAllSecretNames(List.of(names)).build());
  }

  /** A report of instance {@code instance} of {@code ns/name}, without counters. */
  public static InstanceReport.Builder report(
      String namespace, String name, int instance, long epoch, InstanceState state) {
    return InstanceReport.newBuilder()
        .setNamespace(namespace)
        .setName(name)
        .setInstance(instance)
        .setEpoch(epoch)
        .setRevision(1)
        .setState(state)
        .setLag(-1);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
