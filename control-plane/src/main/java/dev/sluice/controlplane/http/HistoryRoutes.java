package dev.sluice.controlplane.http;

import dev.sluice.controlplane.audit.AuditEntry;
import dev.sluice.controlplane.audit.AuditLog;
import dev.sluice.controlplane.auth.Action;
import dev.sluice.controlplane.scheduler.InstanceEvent;
import dev.sluice.controlplane.scheduler.StatusQueries;
import dev.sluice.controlplane.streams.StreamService;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code GET /api/v1/streams/{namespace}/{name}/history}: what happened to a stream, newest first:
 * the changes people made (from the audit log) and what its instances did (from
 * {@code instance_events}: started, running, failed with the error, stopped, moved).
 */
final class HistoryRoutes {

  private static final int MAX_LIMIT = 500;

  private final StreamService streams;
  private final AuditLog audit;
  private final StatusQueries status;

  HistoryRoutes(StreamService streams, AuditLog audit, StatusQueries status) {
    this.streams = streams;
    this.audit = audit;
    this.status = status;
  }

  void register(JavalinConfig config) {
    config.routes.get("/api/v1/streams/{namespace}/{name}/history", this::history);
  }

  private void history(Context ctx) {
    String namespace = ctx.pathParam("namespace");
    String name = ctx.pathParam("name");
    Authentication.require(ctx, Action.READ, namespace);
    StreamRoutes.find(streams, namespace, name);
    int limit = QueryParams.wholeNumber(ctx, "limit", 100, MAX_LIMIT);
    var items = Stream.concat(
            audit.forStream(namespace, name, limit).stream().map(HistoryRoutes::change),
            status.instanceEvents(namespace, name, limit).stream().map(HistoryRoutes::instance))
        .sorted(Comparator.comparing((Map<String, Object> m) -> (Instant) m.get("at")).reversed())
        .limit(limit)
        .map(m -> {
          m.put("at", m.get("at").toString());
          return m;
        })
        .toList();
    Json.send(ctx, 200, Map.of("items", items));
  }

  private static Map<String, Object> change(AuditEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", e.at());
    m.put("kind", "change");
    m.put("action", e.action());
    m.put("actor", e.actor());
    m.put("detail", e.detail());
    return m;
  }

  private static Map<String, Object> instance(InstanceEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", e.at());
    m.put("kind", "instance");
    m.put("instance", e.instance());
    m.put("state", e.state());
    m.put("worker", e.workerName() == null ? e.workerId() : e.workerName());
    m.put("epoch", e.epoch());
    m.put("revision", e.revision());
    m.put("error", e.error());
    return m;
  }
}
