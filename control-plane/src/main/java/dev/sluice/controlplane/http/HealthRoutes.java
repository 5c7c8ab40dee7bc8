package dev.sluice.controlplane.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /healthz} (the process answers), {@code /readyz} (every dependency is reachable and the
 * outbox has caught up) and {@code /metrics} (Prometheus text). None needs a token.
 */
final class HealthRoutes {

  private final List<HttpServer.Check> checks;
  private final PrometheusMeterRegistry metrics;

  HealthRoutes(List<HttpServer.Check> checks, PrometheusMeterRegistry metrics) {
    this.checks = List.copyOf(checks);
    this.metrics = metrics;
  }

  void register(JavalinConfig config) {
    config.routes.get("/healthz", ctx -> Json.send(ctx, 200, Map.of("status", "ok")));
    config.routes.get("/readyz", this::ready);
    config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
  }

  private void ready(Context ctx) {
    List<String> problems = new ArrayList<>();
    for (HttpServer.Check check : checks) {
      String problem;
      try {
        problem = check.problem().get();
      } catch (RuntimeException e) {
        problem = e.getMessage();
      }
      if (problem != null && !problem.isEmpty()) {
        problems.add(check.name() + ": " + problem);
      }
    }
    Json.send(ctx, problems.isEmpty() ? 200 : 503,
        Map.of("status", problems.isEmpty() ? "ready" : "not ready", "problems", problems));
  }
}
