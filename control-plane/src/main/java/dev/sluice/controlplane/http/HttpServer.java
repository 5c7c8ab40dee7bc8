package dev.sluice.controlplane.http;

import dev.sluice.controlplane.Republisher;
import dev.sluice.controlplane.audit.AuditLog;
import dev.sluice.controlplane.auth.TokenService;
import dev.sluice.controlplane.dlq.DeadLetterService;
import dev.sluice.controlplane.gitops.ApplyService;
import dev.sluice.controlplane.gitops.GitSync;
import dev.sluice.controlplane.scheduler.StatusQueries;
import dev.sluice.controlplane.secrets.SecretStore;
import dev.sluice.controlplane.streams.SampleRunner;
import dev.sluice.controlplane.streams.StreamService;
import dev.sluice.controlplane.tap.TapService;
import dev.sluice.definitions.ComponentCatalog;
import dev.sluice.definitions.DefinitionReader;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.sluice.controlplane.auth.Action;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The control plane's HTTP server: the REST API, health and metrics, and the web UI when present, on one port. */
public final class HttpServer implements AutoCloseable {

  /** Everything the routes need. */
  public record Services(
      StreamService streams,
      ApplyService apply,
      GitSync gitSync,
      DeadLetterService deadLetters,
      Republisher republisher,
      StatusQueries status,
      TokenService tokens,
      SecretStore secrets,
      AuditLog audit,
      DefinitionReader reader,
      ComponentCatalog catalog,
      SampleRunner samples,
      TapService taps,
      PrometheusMeterRegistry metrics,
      List<Check> readiness) {}

  /** A readiness check: returns what is wrong, or {@code null} when fine. */
  public record Check(String name, Supplier<String> problem) {}

  private final Javalin app;
  private final StatusEventRoutes statusEvents;

  private HttpServer(Javalin app, StatusEventRoutes statusEvents) {
    this.app = app;
    this.statusEvents = statusEvents;
  }

  /** Starts serving on {@code port} (0 picks a free one). */
  public static HttpServer start(Services services, String host, int port) {
    StatusEventRoutes statusEvents = new StatusEventRoutes(services.streams(), services.status());
    Javalin app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.jetty.host = host;
      config.jetty.port = port;
      ProblemResponses.register(config);
      Authentication.register(config, services.tokens());
      new HealthRoutes(services.readiness(), services.metrics()).register(config);
      new StreamRoutes(services.streams(), services.status()).register(config);
      statusEvents.register(config);
      new HistoryRoutes(services.streams(), services.audit(), services.status()).register(config);
      new DlqRoutes(services.deadLetters()).register(config);
      new GitOpsRoutes(services.apply(), services.gitSync()).register(config);
      new TestRoutes(services.reader(), services.samples()).register(config);
      new TapRoutes(services.taps()).register(config);
      new TokenRoutes(services.tokens()).register(config);
      new ClusterRoutes(services.reader(), services.catalog(), services.status(), services.secrets(),
          services.audit()).register(config);
      config.routes.post("/api/v1/admin/republish", ctx -> {
        var principal = Authentication.require(ctx, Action.ADMINISTER, null);
        var counts = services.republisher().republish(principal.name());
        Json.send(ctx, 200, Map.of("streams", counts.streams(), "assignments", counts.assignments()));
      });
      OpenApiRoute.register(config);
      WebUi.register(config);
    }).start();
    return new HttpServer(app, statusEvents);
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
    statusEvents.close();
  }
}
