package dev.sluice.controlplane.grpc;

import dev.sluice.controlplane.secrets.SecretStore;
import dev.sluice.proto.v1.HeartbeatRequest;
import dev.sluice.proto.v1.HeartbeatResponse;
import dev.sluice.proto.v1.InstanceReport;
import dev.sluice.proto.v1.RegisterRequest;
import dev.sluice.proto.v1.RegisterResponse;
import dev.sluice.proto.v1.ResolveSecretsRequest;
import dev.sluice.proto.v1.ResolveSecretsResponse;
import dev.sluice.proto.v1.StatusAck;
import dev.sluice.proto.v1.StatusReport;
import dev.sluice.proto.v1.WorkerRegistryGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sluice.v1.WorkerRegistry} service: workers register, renew their lease, report
 * their instances and resolve the secrets of the streams they run (values never logged).
 * Authentication is the job of {@link JoinTokenInterceptor}, placed in front of it by {@link
 * RegistryServer}; only a worker assigned an instance of a stream gets its secrets ({@code
 * PERMISSION_DENIED} otherwise).
 *
 * <p>Bad requests get {@code INVALID_ARGUMENT} naming the field; a report from a worker without a
 * live lease gets {@code FAILED_PRECONDITION}; a database failure gets {@code UNAVAILABLE}, which
 * workers retry. Thread-safe: gRPC calls it from its executor threads.
 */
public final class WorkerRegistryService extends WorkerRegistryGrpc.WorkerRegistryImplBase {

  private static final Logger log = LoggerFactory.getLogger(WorkerRegistryService.class);

  private final WorkerStore store;
  private final RegistryConfig config;
  private final SecretStore secrets;
  private final Runnable onRegister;

  /**
   * @param jdbi the control plane database, migrated
   * @param config the lease terms and Kafka address to hand out
   * @param secrets the secrets streams refer to, revealed to the workers that run them
   * @param onRegister called after every registration, e.g. {@code scheduler::poke}, so that a
   *     new worker gets instances without waiting for the next pass
   */
  public WorkerRegistryService(Jdbi jdbi, RegistryConfig config, SecretStore secrets, Runnable onRegister) {
    this.store = new WorkerStore(jdbi);
    this.config = config;
    this.secrets = secrets;
    this.onRegister = onRegister;
  }

  @Override
  public void register(RegisterRequest request, StreamObserver<RegisterResponse> response) {
    respond(response, "Register", () -> {
      require(!request.getName().isBlank(), "name: empty; give the worker a stable name, "
          + "such as its StatefulSet pod name or host name");
      require(request.getCapacity() >= 0, "capacity: " + request.getCapacity()
          + " is negative; give how many stream instances the worker may run, 0 for no limit");
      WorkerStore.Lease lease = store.register(request, config.lease());
      log.info("Worker {} on {} (version {}, capacity {}) {} as {}", request.getName(),
          request.getHost(), request.getVersion(), request.getCapacity(),
          lease.known() ? "registered again" : "registered", lease.workerId());
      onRegister.run();
      return RegisterResponse.newBuilder()
          .setWorkerId(lease.workerId())
          .setLeaseMs(config.lease().toMillis())
          .setHeartbeatIntervalMs(config.heartbeatInterval().toMillis())
          .setKafkaBootstrapServers(config.kafkaBootstrapServers())
          .build();
    });
  }

  @Override
  public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> response) {
    respond(response, "Heartbeat", () -> {
      require(!request.getWorkerId().isBlank(),
          "worker_id: empty; send the id that Register returned");
      for (int i = 0; i < request.getInstancesCount(); i++) {
        validate("instances[" + i + "]", request.getInstances(i));
      }
      return store.heartbeat(request, config.lease())
          .map(expiry -> HeartbeatResponse.newBuilder()
              .setLeaseExpiresAtMs(expiry.toEpochMilli())
              .build())
          .orElseGet(() -> {
            log.info("Heartbeat from unknown or expired worker {}: told to register again",
                request.getWorkerId());
            return HeartbeatResponse.newBuilder().setRegisterAgain(true).build();
          });
    });
  }

  @Override
  public void reportStatus(StatusReport request, StreamObserver<StatusAck> response) {
    respond(response, "ReportStatus", () -> {
      require(!request.getWorkerId().isBlank(),
          "worker_id: empty; send the id that Register returned");
      require(request.hasInstance(), "instance: missing; send the report of one instance");
      validate("instance", request.getInstance());
      if (!store.report(request.getWorkerId(), request.getInstance())) {
        throw Status.FAILED_PRECONDITION.withDescription("worker_id: " + request.getWorkerId()
            + " has no live lease; stop its instances and register again").asRuntimeException();
      }
      return StatusAck.getDefaultInstance();
    });
  }

  @Override
  public void resolveSecrets(ResolveSecretsRequest request, StreamObserver<ResolveSecretsResponse> response) {
    respond(response, "ResolveSecrets", () -> {
      require(!request.getWorkerId().isBlank(),
          "worker_id: empty; send the id that Register returned");
      if (!store.runs(request.getWorkerId(), request.getNamespace(), request.getName())) {
        throw Status.PERMISSION_DENIED.withDescription("worker " + request.getWorkerId()
            + " has no live lease on an instance of stream " + request.getNamespace() + "/"
            + request.getName() + "; only the worker assigned a stream gets its secrets").asRuntimeException();
      }
      ResolveSecretsResponse.Builder answer = ResolveSecretsResponse.newBuilder();
      for (String name : request.getSecretNamesList()) {
        secrets.reveal(request.getNamespace(), name).ifPresentOrElse(
            value -> answer.putValues(name, value), () -> answer.addMissing(name));
      }
      log.info("Worker {} resolved {} secrets of stream {}/{} ({} missing)", request.getWorkerId(),
          answer.getValuesCount(), request.getNamespace(), request.getName(), answer.getMissingCount());
      return answer.build();
    });
  }

  private static void validate(String field, InstanceReport report) {
    require(!report.getNamespace().isBlank() && !report.getName().isBlank(),
        field + ".namespace/name: empty; report the stream the instance belongs to");
    require(report.getInstance() >= 0, field + ".instance: " + report.getInstance()
        + " is negative; report the instance index from the assignment");
    require(InstanceStatusWriter.state(report).isPresent(), field + ".state: "
        + report.getState() + " is not a state; report one of INSTANCE_STATE_STARTING, "
        + "RUNNING, COMPLETED, FAILED or STOPPED");
  }

  private static void require(boolean valid, String problem) {
    if (!valid) {
      throw Status.INVALID_ARGUMENT.withDescription(problem).asRuntimeException();
    }
  }

  private static <T> void respond(
      StreamObserver<T> response, String method, Supplier<T> handler) {
    T result;
    try {
      result = handler.get();
    } catch (StatusRuntimeException e) {
      response.onError(e);
      return;
    } catch (RuntimeException e) {
      log.warn("{} failed: {}", method, e.toString(), e);
      response.onError(Status.UNAVAILABLE
          .withDescription("the control plane cannot serve " + method + " right now ("
              + e.getClass().getSimpleName() + "); retry")
          .asRuntimeException());
      return;
    }
    response.onNext(result);
    response.onCompleted();
  }
}
