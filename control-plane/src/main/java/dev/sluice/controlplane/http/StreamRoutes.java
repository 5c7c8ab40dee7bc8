package dev.sluice.controlplane.http;

import dev.sluice.controlplane.auth.Action;
import dev.sluice.controlplane.auth.Principal;
import dev.sluice.controlplane.scheduler.StatusQueries;
import dev.sluice.controlplane.store.NotFoundException;
import dev.sluice.controlplane.streams.RevisionSummary;
import dev.sluice.controlplane.streams.SaveResult;
import dev.sluice.controlplane.streams.StoredRevision;
import dev.sluice.controlplane.streams.StoredStream;
import dev.sluice.controlplane.streams.StreamService;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code /api/v1/streams}: create, read, update, delete, pause, resume, revisions, rollback, status. */
final class StreamRoutes {

  private static final String STREAM = "/api/v1/streams/{namespace}/{name}";

  private final StreamService streams;
  private final StatusQueries status;

  StreamRoutes(StreamService streams, StatusQueries status) {
    this.streams = streams;
    this.status = status;
  }

  void register(JavalinConfig config) {
    config.routes.post("/api/v1/streams", this::create);
    config.routes.get("/api/v1/streams", this::list);
    config.routes.get(STREAM, this::get);
    config.routes.put(STREAM, this::update);
    config.routes.delete(STREAM, this::delete);
    config.routes.post(STREAM + "/pause", ctx -> respond(ctx, 200, streams.pause(ns(ctx), name(ctx), writer(ctx))));
    config.routes.post(STREAM + "/resume", ctx -> respond(ctx, 200, streams.resume(ns(ctx), name(ctx), writer(ctx))));
    config.routes.get(STREAM + "/status", this::status);
    config.routes.get(STREAM + "/revisions", this::revisions);
    config.routes.get(STREAM + "/revisions/{revision}", this::revision);
    config.routes.post(STREAM + "/rollback", this::rollback);
  }

  private void create(Context ctx) {
    String document = body(ctx);
    Principal p = Authentication.require(ctx, Action.WRITE, DocumentNamespace.of(document));
    respond(ctx, 201, streams.create(document, p.name()));
  }

  private void list(Context ctx) {
    Optional<String> namespace = Optional.ofNullable(ctx.queryParam("namespace"));
    Principal p = Authentication.require(ctx, Action.READ, namespace.orElse(null));
    var visible = streams.list(namespace).stream()
        .filter(s -> p.may(Action.READ, s.namespace()))
        .map(s -> view(s, false)).toList();
    Json.send(ctx, 200, Map.of("items", visible));
  }

  private void get(Context ctx) {
    Authentication.require(ctx, Action.READ, ns(ctx));
    Json.send(ctx, 200, view(find(ctx), true));
  }

  private void update(Context ctx) {
    String writer = writer(ctx);
    respond(ctx, 200, streams.update(ns(ctx), name(ctx), body(ctx), expectedVersion(ctx), writer));
  }

  private void delete(Context ctx) {
    streams.delete(ns(ctx), name(ctx), expectedVersion(ctx), writer(ctx));
    ctx.status(204);
  }

  private void status(Context ctx) {
    Authentication.require(ctx, Action.READ, ns(ctx));
    find(ctx);
    Json.send(ctx, 200, StatusViews.current(status, ns(ctx), name(ctx)));
  }

  private void revisions(Context ctx) {
    Authentication.require(ctx, Action.READ, ns(ctx));
    find(ctx);
    Json.send(ctx, 200, Map.of("items", streams.revisions(ns(ctx), name(ctx)).stream().map(StreamRoutes::summary).toList()));
  }

  private void revision(Context ctx) {
    Authentication.require(ctx, Action.READ, ns(ctx));
    long n = longParam(ctx.pathParam("revision"), "revision");
    StoredRevision r = streams.revision(ns(ctx), name(ctx), n).orElseThrow(() -> new NotFoundException(
        "stream " + ns(ctx) + "/" + name(ctx) + " has no revision " + n + "; list them at .../revisions"));
    Map<String, Object> body = summary(new RevisionSummary(r.revision(), r.state(), r.valid(), r.createdBy(), r.createdAt()));
    body.put("document", r.document());
    body.put("definition", Json.parse(r.definitionJson()));
    Json.send(ctx, 200, body);
  }

  private void rollback(Context ctx) {
    String to = ctx.queryParam("to");
    if (to == null) {
      throw ApiError.badRequest("say which revision to restore, as ?to=N");
    }
    respond(ctx, 200, streams.rollback(ns(ctx), name(ctx), longParam(to, "to"), writer(ctx)));
  }

  private StoredStream find(Context ctx) {
    return find(streams, ns(ctx), name(ctx));
  }

  /** The stream, or a 404 that says how to create it. */
  static StoredStream find(StreamService streams, String namespace, String name) {
    return streams.get(namespace, name).orElseThrow(() -> new NotFoundException(
        "stream " + namespace + "/" + name + " does not exist; create it with POST /api/v1/streams"));
  }

  private static String writer(Context ctx) {
    return Authentication.require(ctx, Action.WRITE, ns(ctx)).name();
  }

  private static void respond(Context ctx, int status, SaveResult result) {
    Map<String, Object> body = view(result.stream(), true);
    body.put("changed", result.changed());
    if (!result.problems().isEmpty()) {
      body.put("problems", result.problems().stream().map(ProblemResponses::problem).toList());
    }
    Json.send(ctx, result.changed() ? status : 200, body);
  }

  static Map<String, Object> view(StoredStream s, boolean withDocument) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("namespace", s.namespace());
    m.put("name", s.name());
    m.put("resourceVersion", s.resourceVersion());
    m.put("state", s.state().word());
    m.put("valid", s.valid());
    m.put("createdAt", s.createdAt().toString());
    m.put("updatedAt", s.updatedAt().toString());
    if (withDocument) {
      m.put("document", s.document());
      m.put("definition", Json.parse(s.definitionJson()));
    }
    return m;
  }

  private static Map<String, Object> summary(RevisionSummary r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("revision", r.revision());
    m.put("state", r.state().word());
    m.put("valid", r.valid());
    m.put("createdBy", r.createdBy());
    m.put("createdAt", r.createdAt().toString());
    return m;
  }

  private static String body(Context ctx) {
    String body = ctx.body();
    if (body.isBlank()) {
      throw ApiError.badRequest("send a Stream document (YAML or JSON) as the request body");
    }
    return body;
  }

  /** The resource version a write is based on: {@code ?resourceVersion=} or {@code If-Match}. */
  private static Long expectedVersion(Context ctx) {
    String value = Optional.ofNullable(ctx.queryParam("resourceVersion"))
        .orElse(Optional.ofNullable(ctx.header("If-Match")).map(v -> v.replace("\"", "")).orElse(null));
    return value == null ? null : longParam(value, "resourceVersion");
  }

  private static long longParam(String value, String name) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(name + " must be a whole number, got '" + value + "'");
    }
  }

  private static String ns(Context ctx) {
    return ctx.pathParam("namespace");
  }

  private static String name(Context ctx) {
    return ctx.pathParam("name");
  }
}
