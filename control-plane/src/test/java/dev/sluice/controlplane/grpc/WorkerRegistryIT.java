package dev.sluice.controlplane.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.controlplane.scheduler.SchedulingFixtures;
import dev.sluice.controlplane.scheduler.StatusQueries;
import dev.sluice.controlplane.scheduler.WorkerView;
import dev.sluice.controlplane.secrets.SecretStore;
import dev.sluice.controlplane.store.ControlPlaneDatabase;
import dev.sluice.controlplane.streams.TestStreams;
import dev.sluice.proto.v1.HeartbeatResponse;
import dev.sluice.proto.v1.InstanceState;
import dev.sluice.proto.v1.RegisterResponse;
import dev.sluice.proto.v1.ResolveSecretsResponse;
import dev.sluice.testkit.EmbeddedPostgres;
import dev.sluice.testkit.PostgresExtension;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registry over a real Netty server and channel, against a real Postgres. */
@ExtendWith(PostgresExtension.class)
class WorkerRegistryIT {

  private static final String TOKEN = "join-token-for-tests";
  private static final AtomicInteger REGISTRATIONS = new AtomicInteger();

  private static ControlPlaneDatabase database;
  private static Jdbi jdbi;
  private static RegistryServer server;
  private static SecretStore secrets;

  @BeforeAll
  static void start(EmbeddedPostgres postgres) {
    database = SchedulingFixtures.open(postgres, "worker_registry_it");
    jdbi = database.jdbi();
    secrets = TestStreams.secrets(jdbi);
    server = RegistryServer.start(
        RegistryConfig.of(0, TOKEN, "localhost:9092")
            .withLease(Duration.ofSeconds(30), Duration.ofSeconds(10)),
        jdbi, secrets, REGISTRATIONS::incrementAndGet);
  }

  @AfterAll
  static void stop() {
    server.close();
    database.close();
  }

  @BeforeEach
  void reset() {
    SchedulingFixtures.reset(jdbi);
  }

  @Test
  void aWorkerRegisteringAgainUnderItsNameGetsItsIdBack() {
    try (RegistryClient client = RegistryClient.plaintext(server.port(), TOKEN)) {
      int before = REGISTRATIONS.get();
      RegisterResponse first = client.register("worker-0");
      RegisterResponse again = client.register("worker-0");
      RegisterResponse other = client.register("worker-1");

      assertThat(again.getWorkerId()).isEqualTo(first.getWorkerId());
      assertThat(other.getWorkerId()).isNotEqualTo(first.getWorkerId());
      assertThat(first.getLeaseMs()).isEqualTo(30_000);
      assertThat(first.getHeartbeatIntervalMs()).isEqualTo(10_000);
      assertThat(first.getKafkaBootstrapServers()).isEqualTo("localhost:9092");
      assertThat(REGISTRATIONS.get() - before).as("scheduler pokes").isEqualTo(3);
      assertThat(new StatusQueries(jdbi).workers())
          .extracting(WorkerView::name, WorkerView::host, WorkerView::live, WorkerView::components)
          .containsExactly(
              tuple(
                  "worker-0", "host-worker-0", true, List.of("input/generate")),
              tuple(
                  "worker-1", "host-worker-1", true, List.of("input/generate")));
    }
  }

  @Test
  void onlyTheWorkerAssignedAStreamResolvesItsSecretsAndMissingOnesAreNamed() {
    secrets.put("shop", "api-key", "s3cret-value", "test");
    try (RegistryClient client = RegistryClient.plaintext(server.port(), TOKEN)) {
      String assigned = client.register("worker-0").getWorkerId();
      String other = client.register("worker-1").getWorkerId();
      SchedulingFixtures.putStream(jdbi, "shop", "orders", 1, "active", 1);
      jdbi.useHandle(h -> h.execute("insert into assignments (namespace, name, instance, worker_id, epoch, revision) "
          + "values ('shop', 'orders', 0, ?, 1, 1)", assigned));

      ResolveSecretsResponse answer = client.resolveSecrets(assigned, "shop", "orders", "api-key", "missing-one");

      assertThat(answer.getValuesMap()).containsExactly(Map.entry("api-key", "s3cret-value"));
      assertThat(answer.getMissingList()).containsExactly("missing-one");
      assertThatThrownBy(() -> client.resolveSecrets(other, "shop", "orders", "api-key"))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(e.getStatus().getDescription()).contains("shop/orders").doesNotContain("s3cret-value");
          });
    }
    try (RegistryClient wrong = RegistryClient.plaintext(server.port(), "not-the-token")) {
      assertThatThrownBy(() -> wrong.resolveSecrets("any", "shop", "orders", "api-key"))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }
  }

  @Test
  void refusesAWrongOrMissingJoinToken() {
    try (RegistryClient wrong = RegistryClient.plaintext(server.port(), "not-the-token");
        RegistryClient none = RegistryClient.plaintext(server.port(), null)) {
      assertThatThrownBy(() -> wrong.register("intruder"))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(e.getStatus().getDescription()).startsWith("wrong join token");
          });
      assertThatThrownBy(() -> none.register("intruder"))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(e.getStatus().getDescription()).startsWith("no join token");
          });
    }
    assertThat(new StatusQueries(jdbi).workers()).isEmpty();
  }

  @Test
  void heartbeatRenewsTheLeaseAndStoresTheLoad() {
    try (RegistryClient client = RegistryClient.plaintext(server.port(), TOKEN)) {
      String id = client.register("worker-0").getWorkerId();

      HeartbeatResponse response = client.heartbeat(id, List.of());

      assertThat(response.getRegisterAgain()).isFalse();
      assertThat(response.getLeaseExpiresAtMs())
          .isGreaterThan(System.currentTimeMillis() + 20_000);
      WorkerView worker = new StatusQueries(jdbi).workers().getFirst();
      assertThat(worker.cpuLoad()).isEqualTo(0.25);
      assertThat(worker.memoryUsedBytes()).isEqualTo(100);
      assertThat(worker.memoryMaxBytes()).isEqualTo(1000);
    }
  }

  @Test
  void anUnknownOrExpiredWorkerIsToldToRegisterAgain() {
    try (RegistryClient client = RegistryClient.plaintext(server.port(), TOKEN)) {
      assertThat(client.heartbeat("no-such-worker", List.of()).getRegisterAgain()).isTrue();

      String id = client.register("worker-0").getWorkerId();
      SchedulingFixtures.expireWorker(jdbi, id, Duration.ofSeconds(1));

      assertThat(client.heartbeat(id, List.of()).getRegisterAgain()).isTrue();
      assertThatThrownBy(() -> client.report(id,
              RegistryClient.report("ns", "s", 0, 1, InstanceState.INSTANCE_STATE_RUNNING)
                  .build()))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
              e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
      assertThat(client.register("worker-0").getWorkerId()).isEqualTo(id);
      assertThat(client.heartbeat(id, List.of()).getRegisterAgain()).isFalse();
    }
  }

  @Test
  void refusesBadRequestsNamingTheField() {
    try (RegistryClient client = RegistryClient.plaintext(server.port(), TOKEN)) {
      assertThatThrownBy(() -> client.register(" "))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).startsWith("name: empty");
          });
      String id = client.register("worker-0").getWorkerId();
      assertThatThrownBy(() -> client.heartbeat(id, List.of(
              RegistryClient.report("ns", "s", 0, 1, InstanceState.INSTANCE_STATE_UNSPECIFIED)
                  .build())))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).startsWith("instances[0].state:");
          });
    }
  }
}
