package dev.sluice.controlplane.http;

import dev.sluice.api.Problem;
import dev.sluice.controlplane.dlq.DlqUnavailableException;
import dev.sluice.controlplane.gitops.InvalidApplySetException;
import dev.sluice.controlplane.gitops.SourcedProblem;
import dev.sluice.controlplane.store.ConflictException;
import dev.sluice.controlplane.store.NotFoundException;
import dev.sluice.controlplane.streams.InvalidDefinitionException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps failures to RFC 9457 problem documents. A failure that is not the client's fault is logged
 * with its stack trace and answered with a short message and a reference, never the trace.
 */
final class ProblemResponses {

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
  static final String CONTENT_TYPE = "application/problem+json";

  private ProblemResponses() {}

  static void register(JavalinConfig config) {
    config.routes.exception(ApiError.class, (e, ctx) -> send(ctx, e.status(), e.title(), e.getMessage(), e.problems()));
    config.routes.exception(InvalidDefinitionException.class, (e, ctx) -> send(ctx, 422, "Invalid stream definition",
        "the stream is saved as active, so it must be valid; fix the problems listed, or save it with "
            + "spec.state: paused", e.problems()));
    config.routes.exception(InvalidApplySetException.class, (e, ctx) -> {
      Map<String, Object> body = body(ctx, 422, "Invalid apply set", e.getMessage()
          + "; fix every problem listed, then apply again");
      body.put("problems", e.problems().stream().map(ProblemResponses::problem).toList());
      Json.send(ctx, 422, body, CONTENT_TYPE);
    });
    config.routes.exception(ConflictException.class, (e, ctx) -> send(ctx, 409, "Conflict", e.getMessage(), List.of()));
    config.routes.exception(NotFoundException.class, (e, ctx) -> send(ctx, 404, "Not found", e.getMessage(), List.of()));
    config.routes.exception(DlqUnavailableException.class, (e, ctx) -> {
      log.warn("request {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
      send(ctx, 503, "Kafka unavailable", e.getMessage(), List.of());
    });
    config.routes.exception(Exception.class, (e, ctx) -> {
      String reference = Long.toHexString(System.nanoTime());
      log.error("request {} {} failed (reference {})", ctx.method(), ctx.path(), reference, e);
      send(ctx, 500, "Internal error", "Sluice failed to handle this request; the control plane's log has the "
          + "details under reference " + reference, List.of());
    });
    config.routes.error(404, ctx -> {
      if (ctx.result() == null) {
        send(ctx, 404, "Not found", "no route " + ctx.method() + " " + ctx.path() + "; see /api/v1/openapi.json",
            List.of());
      }
    });
  }

  static void send(Context ctx, int status, String title, String detail, List<Problem> problems) {
    Map<String, Object> body = body(ctx, status, title, detail);
    if (!problems.isEmpty()) {
      body.put("problems", problems.stream().map(ProblemResponses::problem).toList());
    }
    Json.send(ctx, status, body, CONTENT_TYPE);
  }

  private static Map<String, Object> body(Context ctx, int status, String title, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.put("instance", ctx.path());
    return body;
  }

  /** A problem in one file of an apply set: the usual fields and {@code source}, the file. */
  static Map<String, Object> problem(SourcedProblem p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", p.source());
    m.putAll(problem(p.problem()));
    return m;
  }

  static Map<String, Object> problem(Problem p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", p.path());
    m.put("value", p.value());
    m.put("message", p.message());
    if (p.hasPosition()) {
      m.put("line", p.line());
      m.put("column", p.column());
    }
    return m;
  }
}
