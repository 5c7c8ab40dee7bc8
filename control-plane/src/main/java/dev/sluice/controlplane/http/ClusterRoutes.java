package dev.sluice.controlplane.http;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.controlplane.audit.AuditEntry;
import dev.sluice.controlplane.audit.AuditLog;
import dev.sluice.controlplane.auth.Action;
import dev.sluice.controlplane.scheduler.StatusQueries;
import dev.sluice.controlplane.secrets.SecretReferenceCheck;
import dev.sluice.controlplane.secrets.SecretStore;
import dev.sluice.definitions.ComponentCatalog;
import dev.sluice.definitions.ConfigSchemas;
import dev.sluice.definitions.DefinitionReader;
import dev.sluice.definitions.ReadResult;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Validation, the plugin catalogue, workers, secrets (names only) and the audit log. */
final class ClusterRoutes {

  private static final int AUDIT_PAGE = 100;

  private final DefinitionReader reader;
  private final ComponentCatalog catalog;
  private final StatusQueries status;
  private final SecretStore secrets;
  private final SecretReferenceCheck secretReferences;
  private final AuditLog audit;

  ClusterRoutes(DefinitionReader reader, ComponentCatalog catalog, StatusQueries status, SecretStore secrets,
      AuditLog audit) {
    this.reader = reader;
    this.catalog = catalog;
    this.status = status;
    this.secrets = secrets;
    this.secretReferences = new SecretReferenceCheck(secrets::names);
    this.audit = audit;
  }

  void register(JavalinConfig config) {
    config.routes.post("/api/v1/validate", this::validate);
    config.routes.get("/api/v1/plugins", this::plugins);
    config.routes.get("/api/v1/workers", this::workers);
    config.routes.get("/api/v1/secrets/{namespace}", this::secretNames);
    config.routes.put("/api/v1/secrets/{namespace}/{name}", this::putSecret);
    config.routes.delete("/api/v1/secrets/{namespace}/{name}", this::deleteSecret);
    config.routes.get("/api/v1/audit", this::audit);
  }

  private void validate(Context ctx) {
    Authentication.require(ctx, Action.READ, null);
    List<ReadResult> results = reader.readAll("document", ctx.body());
    List<Map<String, Object>> documents = results.stream().map(r -> {
      List<Problem> problems = r.validDefinition().map(secretReferences::problems).orElse(r.problems());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("line", r.line());
      m.put("valid", problems.isEmpty());
      m.put("stream", r.isValid() ? r.definition().id() : null);
      m.put("problems", problems.stream().map(ProblemResponses::problem).toList());
      return m;
    }).toList();
    boolean valid = documents.stream().allMatch(d -> (Boolean) d.get("valid"));
    Json.send(ctx, 200, Map.of("valid", valid, "documents", documents));
  }

  private void plugins(Context ctx) {
    Authentication.require(ctx, Action.READ, null);
    Json.send(ctx, 200, Map.of("items", catalog.all().stream().map(ClusterRoutes::plugin).toList()));
  }

  private static Map<String, Object> plugin(ComponentDescriptor d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", d.name());
    m.put("kind", d.kind().word());
    m.put("summary", d.summary());
    m.put("schema", ConfigSchemas.of(d.spec()));
    return m;
  }

  private void workers(Context ctx) {
    Authentication.require(ctx, Action.READ, null);
    Json.send(ctx, 200, Map.of("items", status.workers().stream().map(StatusViews::worker).toList()));
  }

  private void secretNames(Context ctx) {
    String namespace = ctx.pathParam("namespace");
    Authentication.require(ctx, Action.READ, namespace);
    Json.send(ctx, 200, Map.of("namespace", namespace, "names", secrets.names(namespace)));
  }

  private void putSecret(Context ctx) {
    String namespace = ctx.pathParam("namespace");
    var p = Authentication.require(ctx, Action.WRITE, namespace);
    if (ctx.body().isEmpty()) {
      throw ApiError.badRequest("send the secret's value as the request body");
    }
    secrets.put(namespace, ctx.pathParam("name"), ctx.body(), p.name());
    ctx.status(204);
  }

  private void deleteSecret(Context ctx) {
    String namespace = ctx.pathParam("namespace");
    var p = Authentication.require(ctx, Action.WRITE, namespace);
    secrets.delete(namespace, ctx.pathParam("name"), p.name());
    ctx.status(204);
  }

  private void audit(Context ctx) {
    Authentication.require(ctx, Action.ADMINISTER, null);
    Long before = Optional.ofNullable(ctx.queryParam("before")).map(Long::valueOf).orElse(null);
    List<AuditEntry> entries = audit.list(Optional.ofNullable(ctx.queryParam("namespace")), before, AUDIT_PAGE);
    Json.send(ctx, 200, Map.of("items", entries.stream().map(ClusterRoutes::entry).toList()));
  }

  private static Map<String, Object> entry(AuditEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("at", e.at().toString());
    m.put("actor", e.actor());
    m.put("action", e.action());
    m.put("namespace", e.namespace());
    m.put("name", e.name());
    m.put("detail", e.detail());
    return m;
  }
}
