package dev.sluice.controlplane.http;

import dev.sluice.controlplane.auth.Action;
import dev.sluice.controlplane.tap.TapService;
import dev.sluice.controlplane.tap.TapService.Page;
import dev.sluice.controlplane.tap.TapService.Tapped;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/streams/{namespace}/{name}/tap}: the records passing a point of a stream, as
 * they come (long polling with a cursor); keys, values and headers as {@link DlqViews} shows them.
 * {@code GET .../tap/points}: the points a tap can listen at.
 */
final class TapRoutes {

  private static final int MAX_LIMIT = 500;
  private static final Duration MAX_WAIT = Duration.ofSeconds(30);

  private final TapService taps;

  TapRoutes(TapService taps) {
    this.taps = taps;
  }

  void register(JavalinConfig config) {
    config.routes.get("/api/v1/streams/{namespace}/{name}/tap", this::tap);
    config.routes.get("/api/v1/streams/{namespace}/{name}/tap/points", this::points);
  }

  private void points(Context ctx) {
    String namespace = ctx.pathParam("namespace");
    Authentication.require(ctx, Action.READ, namespace);
    Json.send(ctx, 200, Map.of("items", taps.points(namespace, ctx.pathParam("name")).stream().map(p -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("point", p.word());
      m.put("label", p.label());
      m.put("sampled", p.sampled());
      return m;
    }).toList()));
  }

  private void tap(Context ctx) {
    String namespace = ctx.pathParam("namespace");
    Authentication.require(ctx, Action.READ, namespace);
    String at = ctx.queryParam("at") == null ? "output" : ctx.queryParam("at");
    int limit = QueryParams.wholeNumber(ctx, "limit", 100, MAX_LIMIT);
    Duration wait = Duration.ofSeconds(QueryParams.wholeNumber(ctx, "wait", 10, (int) MAX_WAIT.toSeconds()));
    Page page;
    try {
      page = taps.tap(namespace, ctx.pathParam("name"), at, ctx.queryParam("cursor"), limit, wait);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
    Json.send(ctx, 200, Map.of("items", page.records().stream().map(TapRoutes::view).toList(), "next", page.next()));
  }

  private static Map<String, Object> view(Tapped r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("topic", r.topic());
    m.put("partition", r.partition());
    m.put("offset", r.offset());
    m.put("timestamp", r.timestamp().toString());
    DlqViews.bytes(m, "key", r.key());
    DlqViews.bytes(m, "value", r.value());
    m.put("headers", r.headers().entrySet().stream().map(h -> DlqViews.header(h.getKey(), h.getValue())).toList());
    if (r.stage() != null) {
      m.put("stage", r.stage());
    }
    return m;
  }
}
