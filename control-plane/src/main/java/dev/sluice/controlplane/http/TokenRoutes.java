package dev.sluice.controlplane.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.controlplane.auth.Action;
import dev.sluice.controlplane.auth.IssuedToken;
import dev.sluice.controlplane.auth.Principal;
import dev.sluice.controlplane.auth.Role;
import dev.sluice.controlplane.auth.TokenInfo;
import dev.sluice.controlplane.auth.TokenService;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/tokens}: issue, list and revoke API tokens (admins only). A token's value is
 * answered once, when it is issued; only a hash is kept. {@code /api/v1/whoami}: who the calling
 * token is, for any token (the web UI shows the actions its role allows).
 */
final class TokenRoutes {

  private final TokenService tokens;

  TokenRoutes(TokenService tokens) {
    this.tokens = tokens;
  }

  void register(JavalinConfig config) {
    config.routes.get("/api/v1/tokens", this::list);
    config.routes.post("/api/v1/tokens", this::create);
    config.routes.delete("/api/v1/tokens/{name}", this::revoke);
    config.routes.get("/api/v1/whoami", this::whoami);
  }

  private void whoami(Context ctx) {
    Principal p = Authentication.principal(ctx);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("name", p.name());
    answer.put("role", p.role().word());
    answer.put("namespaces", p.namespaces());
    Json.send(ctx, 200, answer);
  }

  private void list(Context ctx) {
    Authentication.require(ctx, Action.ADMINISTER, null);
    Json.send(ctx, 200, Map.of("items", tokens.list().stream().map(TokenRoutes::view).toList()));
  }

  private void create(Context ctx) {
    Principal admin = Authentication.require(ctx, Action.ADMINISTER, null);
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(ctx.body());
    } catch (Exception e) {
      throw ApiError.badRequest("the body is not JSON (" + e.getMessage() + "); send {\"name\": \"ci\", "
          + "\"role\": \"editor\", \"namespaces\": [\"shop\"]}");
    }
    if (body == null || !body.path("name").isTextual() || !body.path("role").isTextual()) {
      throw ApiError.badRequest("'name' and 'role' (viewer, editor or admin) are required, such as "
          + "{\"name\": \"ci\", \"role\": \"editor\", \"namespaces\": [\"shop\"]}");
    }
    Role role;
    try {
      role = Role.fromWord(body.get("role").asText());
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
    List<String> namespaces = new ArrayList<>();
    body.path("namespaces").forEach(n -> namespaces.add(n.asText()));
    IssuedToken issued;
    try {
      issued = tokens.create(body.get("name").asText(), role, namespaces.isEmpty() ? List.of(Principal.ALL_NAMESPACES)
          : namespaces, admin.name());
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("name", issued.name());
    answer.put("role", issued.role().word());
    answer.put("namespaces", issued.namespaces());
    answer.put("token", issued.plaintext());
    Json.send(ctx, 201, answer);
  }

  private void revoke(Context ctx) {
    Principal admin = Authentication.require(ctx, Action.ADMINISTER, null);
    tokens.revoke(ctx.pathParam("name"), admin.name());
    ctx.status(204);
  }

  private static Map<String, Object> view(TokenInfo t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", t.name());
    m.put("role", t.role().word());
    m.put("namespaces", t.namespaces());
    m.put("createdAt", t.createdAt().toString());
    m.put("lastUsedAt", t.lastUsedAt() == null ? null : t.lastUsedAt().toString());
    return m;
  }
}
