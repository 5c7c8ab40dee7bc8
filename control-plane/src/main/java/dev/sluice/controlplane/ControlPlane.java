package dev.sluice.controlplane;

import dev.sluice.controlplane.audit.AuditLog;
import dev.sluice.controlplane.auth.TokenService;
import dev.sluice.controlplane.dlq.DeadLetterService;
import dev.sluice.controlplane.gitops.ApplyService;
import dev.sluice.controlplane.gitops.GitSync;
import dev.sluice.controlplane.grpc.RegistryConfig;
import dev.sluice.controlplane.grpc.RegistryServer;
import dev.sluice.controlplane.http.HttpServer;
import dev.sluice.controlplane.outbox.ControlTopics;
import dev.sluice.controlplane.outbox.OutboxPublisher;
import dev.sluice.controlplane.scheduler.AssignmentReconciler;
import dev.sluice.controlplane.scheduler.Scheduler;
import dev.sluice.controlplane.scheduler.SchedulerConfig;
import dev.sluice.controlplane.scheduler.StatusQueries;
import dev.sluice.controlplane.secrets.SecretCipher;
import dev.sluice.controlplane.secrets.SecretReferenceCheck;
import dev.sluice.controlplane.secrets.SecretStore;
import dev.sluice.controlplane.store.ControlPlaneDatabase;
import dev.sluice.controlplane.streams.SampleRunner;
import dev.sluice.controlplane.streams.StreamService;
import dev.sluice.controlplane.tap.TapService;
import dev.sluice.definitions.ComponentCatalog;
import dev.sluice.definitions.DefinitionReader;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running control plane: database, control topics, outbox publisher, scheduler, worker registry
 * and REST API, started in that order and stopped in reverse.
 */
public final class ControlPlane implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);

  private final List<AutoCloseable> parts = new ArrayList<>();
  private ControlPlaneDatabase database;
  private TokenService tokens;
  private SecretStore secrets;
  private StreamService streams;
  private Republisher republisher;
  private RegistryServer registry;
  private HttpServer http;

  private ControlPlane() {}

  /**
   * Starts every part without the worker's engine, so {@code POST /api/v1/test} is refused; on
   * failure stops what did start and rethrows.
   */
  public static ControlPlane start(ControlPlaneConfig config, ComponentCatalog catalog) {
    return start(config, catalog, SampleRunner.UNAVAILABLE);
  }

  /**
   * Starts every part, running stream tests with {@code samples}; on failure stops what did start
   * and rethrows.
   */
  public static ControlPlane start(ControlPlaneConfig config, ComponentCatalog catalog, SampleRunner samples) {
    ControlPlane cp = new ControlPlane();
    try {
      cp.boot(config, catalog, samples);
      return cp;
    } catch (RuntimeException e) {
      cp.close();
      throw e;
    }
  }

  private void boot(ControlPlaneConfig config, ComponentCatalog catalog, SampleRunner samples) {
    database = add(ControlPlaneDatabase.open(config.jdbcUrl(), config.dbUser(), config.dbPassword()));
    Admin admin = add(Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers())));
    ControlTopics topics = ControlTopics.defaults();
    List<String> created = topics.ensureCreated(admin, config.replicationFactor());
    OutboxPublisher publisher = add(OutboxPublisher.start(database,
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers()),
        OutboxPublisher.Options.defaults()));
    Scheduler scheduler = add(Scheduler.start(database.jdbi(), topics, SchedulerConfig.defaults()));
    RegistryConfig registryConfig = RegistryConfig.of(config.grpcPort(), config.joinToken(),
        config.kafkaBootstrapServers()).withLease(config.lease(), config.heartbeatInterval());
    secrets = new SecretStore(database.jdbi(), SecretCipher.fromBase64(config.secretKeyBase64()));
    registry = add(RegistryServer.start(config.registryTls() == null ? registryConfig
        : registryConfig.withTls(config.registryTls()), database.jdbi(), secrets, scheduler::poke));
    DefinitionReader reader = new DefinitionReader(catalog);
    tokens = new TokenService(database.jdbi());
    streams = new StreamService(database.jdbi(), reader, new SecretReferenceCheck(secrets::names), topics,
        Clock.systemUTC());
    republisher = new Republisher(streams, new AssignmentReconciler(database.jdbi(), topics,
        SchedulerConfig.defaults().forgetWorkersAfter()));
    if (created.contains(topics.streams()) || created.contains(topics.assignments())) {
      // New (or lost) control topics: rebuild them from Postgres, the source of truth.
      republisher.republish("control plane boot");
    }
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    Gauge.builder("sluice_outbox_unpublished", publisher, OutboxPublisher::unpublishedCount)
        .description("Outbox rows not yet relayed to Kafka").register(metrics);
    DeadLetterService deadLetters = add(new DeadLetterService(database.jdbi(), streams,
        config.kafkaBootstrapServers(), Clock.systemUTC()));
    ApplyService apply = new ApplyService(database.jdbi(), streams, reader);
    GitSync gitSync = add(GitSync.start(config.gitSync(), apply, secrets, database.jdbi(), Clock.systemUTC()));
    var services = new HttpServer.Services(streams, apply, gitSync, deadLetters, republisher,
        new StatusQueries(database.jdbi()), tokens, secrets, new AuditLog(database.jdbi()), reader, catalog, samples,
        new TapService(streams, config.kafkaBootstrapServers()), metrics,
        readiness(admin, publisher));
    http = add(HttpServer.start(services, config.httpHost(), config.httpPort()));
    log.info("control plane ready: REST on port {}, worker registry on port {}", http.port(), registry.port());
  }

  private List<HttpServer.Check> readiness(Admin admin, OutboxPublisher publisher) {
    return List.of(
        new HttpServer.Check("database", this::databaseProblem),
        new HttpServer.Check("kafka", () -> kafkaProblem(admin)),
        new HttpServer.Check("outbox", () -> {
          long behind = publisher.unpublishedCount();
          return behind == 0 ? null : behind + " changes not yet published to Kafka";
        }));
  }

  private String databaseProblem() {
    int answer = database.jdbi().withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one());
    return answer == 1 ? null : "does not answer";
  }

  private static String kafkaProblem(Admin admin) {
    try {
      admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
      return null;
    } catch (Exception e) {
      return "not reachable (" + e.getClass().getSimpleName() + ")";
    }
  }

  private <T extends AutoCloseable> T add(T part) {
    parts.add(part);
    return part;
  }

  public int httpPort() {
    return http.port();
  }

  public int grpcPort() {
    return registry.port();
  }

  public TokenService tokens() {
    return tokens;
  }

  public StreamService streams() {
    return streams;
  }

  public SecretStore secrets() {
    return secrets;
  }

  @Override
  public void close() {
    for (int i = parts.size() - 1; i >= 0; i--) {
      try {
        parts.get(i).close();
      } catch (Exception e) {
        log.warn("could not stop {} cleanly", parts.get(i).getClass().getSimpleName(), e);
      }
    }
    parts.clear();
  }
}
