package dev.sluice.controlplane.http;

import dev.sluice.controlplane.auth.Action;
import dev.sluice.controlplane.auth.Principal;
import dev.sluice.controlplane.auth.TokenService;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;

/**
 * Bearer tokens on every {@code /api/} route: no or unknown token is 401, a token whose role or
 * namespaces do not cover the request is 403.
 */
final class Authentication {

  private static final String PRINCIPAL = "sluice.principal";
  private static final String BEARER = "Bearer ";

  private Authentication() {}

  static void register(JavalinConfig config, TokenService tokens) {
    config.routes.before("/api/*", ctx -> {
      if (ctx.path().equals(OpenApiRoute.PATH)) {
        return;
      }
      String header = ctx.header("Authorization");
      if (header == null || !header.startsWith(BEARER)) {
        ctx.header("WWW-Authenticate", "Bearer");
        throw new ApiError(401, "Unauthorized",
            "send an API token as 'Authorization: Bearer <token>'; sluice dev writes one to data/admin.token");
      }
      Optional<Principal> principal = tokens.authenticate(header.substring(BEARER.length()).strip());
      if (principal.isEmpty()) {
        ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        throw new ApiError(401, "Unauthorized", "the API token is not valid (unknown or revoked)");
      }
      ctx.attribute(PRINCIPAL, principal.get());
    });
  }

  /** The authenticated caller; set by the filter for every API route. */
  static Principal principal(Context ctx) {
    return ctx.attribute(PRINCIPAL);
  }

  /** Refuses with 403 unless the caller may do {@code action} in {@code namespace} (null: cluster-wide). */
  static Principal require(Context ctx, Action action, String namespace) {
    Principal p = principal(ctx);
    if (!p.may(action, namespace)) {
      throw new ApiError(403, "Forbidden", "token '" + p.name() + "' (role " + p.role().word() + ") may not "
          + action.name().toLowerCase(Locale.ROOT)
          + (namespace == null ? " cluster-wide" : " in namespace '" + namespace + "'")
          + "; ask an admin for a token that may");
    }
    return p;
  }
}
