package dev.sluice.controlplane.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.controlplane.auth.Action;
import dev.sluice.controlplane.gitops.ApplyPlan;
import dev.sluice.controlplane.gitops.ApplyRequest;
import dev.sluice.controlplane.gitops.ApplyService;
import dev.sluice.controlplane.gitops.ChangeAction;
import dev.sluice.controlplane.gitops.GitSync;
import dev.sluice.controlplane.gitops.GitSyncStatus;
import dev.sluice.controlplane.gitops.PlannedChange;
import dev.sluice.controlplane.gitops.SourceDocument;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code /api/v1/apply} (declarative apply of a set of stream documents: plan, diff, prune,
 * drift) and {@code /api/v1/gitsync} (status of the Git repositories followed, sync now).
 */
final class GitOpsRoutes {

  private static final String REQUEST_SOURCE = "request";

  private final ApplyService apply;
  private final GitSync gitSync;

  GitOpsRoutes(ApplyService apply, GitSync gitSync) {
    this.apply = apply;
    this.gitSync = gitSync;
  }

  void register(JavalinConfig config) {
    config.routes.post("/api/v1/apply", this::apply);
    config.routes.get("/api/v1/gitsync", this::gitSyncStatus);
    config.routes.post("/api/v1/gitsync/{name}/sync", this::syncNow);
  }

  /**
   * Takes {@code {"applySet", "documents": [{"source", "text"}], "dryRun", "prune", "force"}} as
   * JSON, or stream documents (YAML or JSON, several separated by {@code ---}) as the whole body
   * with {@code ?applySet=}; the query's {@code dryRun}, {@code prune} and {@code force} win.
   */
  private void apply(Context ctx) {
    ApplyRequest request = request(ctx);
    if (request.applySet() != null && request.applySet().startsWith(ApplyService.GIT_SYNC_PREFIX)) {
      throw ApiError.badRequest("apply set '" + request.applySet() + "' is a git sync's ('"
          + ApplyService.GIT_SYNC_PREFIX + "' is theirs); choose an id without that prefix");
    }
    Action action = request.dryRun() ? Action.READ : Action.WRITE;
    String actor = Authentication.principal(ctx).name();
    ApplyPlan plan = apply.apply(request, actor, Map.of(),
        namespace -> Authentication.require(ctx, action, namespace));
    Json.send(ctx, 200, view(plan));
  }

  private static ApplyRequest request(Context ctx) {
    String body = ctx.body();
    JsonNode json = structured(body);
    List<SourceDocument> documents = new ArrayList<>();
    if (json == null) {
      documents.add(new SourceDocument(REQUEST_SOURCE, body));
    } else {
      for (JsonNode d : json.path("documents")) {
        if (!d.path("text").isTextual()) {
          throw ApiError.badRequest("each entry of documents needs \"text\", the file's content as a string, "
              + "and may have \"source\", its name");
        }
        documents.add(new SourceDocument(d.path("source").asText("document " + (documents.size() + 1)),
            d.path("text").asText()));
      }
    }
    String applySet = Objects.requireNonNullElse(ctx.queryParam("applySet"),
        json == null ? null : json.path("applySet").asText(null));
    if (applySet == null) {
      throw ApiError.badRequest("say which apply set the documents are, as \"applySet\" in the body or "
          + "?applySet=; only streams of that set are ever pruned");
    }
    return new ApplyRequest(applySet, documents, flag(ctx, json, "dryRun"), flag(ctx, json, "prune"),
        flag(ctx, json, "force"));
  }

  /** The body as a JSON apply request, or {@code null} when it is stream documents. */
  private static JsonNode structured(String body) {
    if (!body.stripLeading().startsWith("{")) {
      return null;
    }
    try {
      JsonNode json = Json.MAPPER.readTree(body);
      return json.has("documents") ? json : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static boolean flag(Context ctx, JsonNode json, String name) {
    String query = ctx.queryParam(name);
    if (query == null) {
      return json != null && json.path(name).asBoolean(false);
    }
    if (!query.equals("true") && !query.equals("false")) {
      throw ApiError.badRequest(name + " must be true or false, got '" + query + "'");
    }
    return Boolean.parseBoolean(query);
  }

  static Map<String, Object> view(ApplyPlan plan) {
    Map<String, Object> summary = new LinkedHashMap<>();
    for (ChangeAction action : ChangeAction.values()) {
      summary.put(action.word(), plan.count(action));
    }
    summary.put("heldBack", plan.heldBack().size());
    summary.put("changes", plan.changeCount());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("applySet", plan.applySet());
    m.put("dryRun", plan.dryRun());
    m.put("summary", summary);
    m.put("items", plan.changes().stream().map(GitOpsRoutes::change).toList());
    return m;
  }

  private static Map<String, Object> change(PlannedChange c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("namespace", c.namespace());
    m.put("name", c.name());
    m.put("action", c.action().word());
    m.put("applied", c.applied());
    m.put("revision", c.revision());
    m.put("drift", c.drift());
    m.put("diff", c.diff());
    return m;
  }

  private void gitSyncStatus(Context ctx) {
    Authentication.require(ctx, Action.READ, null);
    Json.send(ctx, 200, Map.of("items", gitSync.statuses().stream().map(GitOpsRoutes::status).toList()));
  }

  private void syncNow(Context ctx) {
    Authentication.require(ctx, Action.WRITE, null);
    Json.send(ctx, 200, status(gitSync.syncNow(ctx.pathParam("name"))));
  }

  private static Map<String, Object> status(GitSyncStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.source().name());
    m.put("url", s.source().redactedUrl());
    m.put("branch", s.source().branch());
    m.put("path", s.source().path());
    m.put("interval", s.source().interval().toString());
    m.put("applySet", s.source().applySet());
    m.put("lastCommit", s.lastCommit());
    m.put("lastSyncedAt", Objects.toString(s.lastSyncedAt(), null));
    m.put("lastAttemptAt", Objects.toString(s.lastAttemptAt(), null));
    m.put("error", s.error());
    m.put("drift", s.drift());
    m.put("summary", s.summary());
    return m;
  }
}
