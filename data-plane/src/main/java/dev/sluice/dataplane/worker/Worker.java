package dev.sluice.dataplane.worker;

import dev.sluice.api.expression.ExpressionLanguage;
import dev.sluice.dataplane.connect.OffsetStore;
import dev.sluice.dataplane.pipeline.Components;
import dev.sluice.definitions.DefinitionReader;
import dev.sluice.proto.v1.HeartbeatRequest;
import dev.sluice.proto.v1.HeartbeatResponse;
import dev.sluice.proto.v1.InstanceReport;
import dev.sluice.proto.v1.RegisterRequest;
import dev.sluice.proto.v1.RegisterResponse;
import dev.sluice.proto.v1.StatusReport;
import com.sun.management.OperatingSystemMXBean;
import io.grpc.StatusRuntimeException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Sluice worker: registers with the control plane, keeps its lease with heartbeats, follows the
 * control topics, and runs exactly the stream instances assigned to it.
 *
 * <p>Fencing: an instance assigned elsewhere (with a higher epoch) stops at the next convergence,
 * which runs as soon as the assignment is read. A worker that cannot renew its lease before it
 * expires stops every instance by itself, because the control plane will have moved them.
 */
public final class Worker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Worker.class);
  private static final Duration RETRY_REGISTER = Duration.ofSeconds(2);
  private static final OperatingSystemMXBean PROCESS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final WorkerConfig config;
  private final Components components;
  private final ExpressionLanguage expressions;
  private final DefinitionReader reader;
  private final RegistryClient registry;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "sluice-worker-timer");
    t.setDaemon(true);
    return t;
  });
  private volatile String workerId;
  private volatile long leaseExpiresAt;
  private Convergence convergence;
  private ControlTopicsView view;
  private Admin admin;
  private WorkerMetrics metrics;

  public Worker(WorkerConfig config, Components components, ExpressionLanguage expressions, DefinitionReader reader) {
    this.config = config;
    this.components = components;
    this.expressions = expressions;
    this.reader = reader;
    this.registry = new RegistryClient(config.controlPlane(), config.joinToken(), config.tls());
  }

  /** Registers (retrying until the control plane answers), then starts following assignments. */
  public void start() throws InterruptedException {
    RegisterResponse registered = registerUntilAnswered();
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, registered.getKafkaBootstrapServers()));
    var runtime = new WorkerRuntime(registered.getKafkaBootstrapServers(), admin, components, expressions,
        new OffsetStore(registered.getKafkaBootstrapServers()), config.stateDir(), config.componentSettings());
    metrics = new WorkerMetrics(config.metricsPort());
    convergence = new Convergence(() -> workerId, runtime, reader,
        new StreamSecrets(() -> workerId, registry::resolveSecrets), this::report, metrics);
    view = new ControlTopicsView(registered.getKafkaBootstrapServers(), config.name(), this::converge);
    view.start();
    long heartbeat = registered.getHeartbeatIntervalMs();
    timer.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(this::converge, 1, 1, TimeUnit.SECONDS);
    log.info("worker {} ({}) joined; Kafka at {}", config.name(), workerId, registered.getKafkaBootstrapServers());
  }

  /** The id the control plane gave this worker. */
  public String id() {
    return workerId;
  }

  /** The port of the worker's {@code /metrics}, or -1 when not served. */
  public int metricsPort() {
    return metrics.port();
  }

  /** The worker's metrics in Prometheus text format. */
  public String scrapeMetrics() {
    return metrics.scrape();
  }

  /** What runs here now, for tests and diagnostics. */
  public Map<InstanceId, StreamInstance> running() {
    return convergence.running();
  }

  private RegisterResponse registerUntilAnswered() throws InterruptedException {
    while (true) {
      try {
        return register();
      } catch (StatusRuntimeException e) {
        log.warn("cannot register with the control plane at {} ({}); retrying in {}", config.controlPlane(),
            e.getStatus().getCode(), RETRY_REGISTER);
        Thread.sleep(RETRY_REGISTER.toMillis());
      }
    }
  }

  private RegisterResponse register() {
    RegisterResponse response = registry.register(RegisterRequest.newBuilder()
        .setName(config.name()).setHost(config.host()).setVersion(config.version())
        .setCapacity(config.capacity()).addAllComponents(components.names()).build());
    workerId = response.getWorkerId();
    leaseExpiresAt = System.currentTimeMillis() + response.getLeaseMs();
    return response;
  }

  private void converge() {
    try {
      convergence.converge(view.streams(), view.assignments());
    } catch (RuntimeException e) {
      log.error("converging to the assignments failed; will try again", e);
    }
  }

  private void heartbeat() {
    var memory = Runtime.getRuntime();
    HeartbeatRequest request = HeartbeatRequest.newBuilder()
        .setWorkerId(workerId)
        .setCpuLoad(Math.max(0, PROCESS.getProcessCpuLoad()))
        .setMemoryUsedBytes(memory.totalMemory() - memory.freeMemory())
        .setMemoryMaxBytes(memory.maxMemory())
        .addAllInstances(convergence.reports())
        .build();
    try {
      HeartbeatResponse response = registry.heartbeat(request);
      if (response.getRegisterAgain()) {
        log.warn("the control plane no longer knows worker {}; registering again", workerId);
        register();
      } else {
        leaseExpiresAt = response.getLeaseExpiresAtMs();
      }
    } catch (StatusRuntimeException e) {
      log.warn("heartbeat failed ({}); lease ends in {} ms", e.getStatus().getCode(),
          leaseExpiresAt - System.currentTimeMillis());
      if (System.currentTimeMillis() >= leaseExpiresAt && !convergence.running().isEmpty()) {
        log.error("lease expired without renewal: stopping every instance (self-fencing)");
        convergence.stopAll();
      }
    } catch (RuntimeException e) {
      log.error("heartbeat failed", e);
    }
  }

  private void report(InstanceReport instance) {
    try {
      registry.report(StatusReport.newBuilder().setWorkerId(workerId).setInstance(instance).build());
    } catch (StatusRuntimeException e) {
      log.warn("could not report the state of {}/{}/{} ({}); the next heartbeat carries it",
          instance.getNamespace(), instance.getName(), instance.getInstance(), e.getStatus().getCode());
    }
  }

  /** Stops every instance (committing what they processed), then leaves. */
  @Override
  public void close() throws InterruptedException {
    timer.shutdownNow();
    if (view != null) {
      view.close();
    }
    if (convergence != null) {
      convergence.stopAll();
    }
    if (admin != null) {
      admin.close();
    }
    if (metrics != null) {
      metrics.close();
    }
    registry.close();
    log.info("worker {} stopped", config.name());
  }
}
