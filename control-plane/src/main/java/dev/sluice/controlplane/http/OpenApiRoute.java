package dev.sluice.controlplane.http;

import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Serves the OpenAPI document of the REST API at {@code /api/v1/openapi.json}, without a token. */
final class OpenApiRoute {

  static final String PATH = "/api/v1/openapi.json";
  private static final String RESOURCE = "/openapi.json";

  private OpenApiRoute() {}

  static void register(JavalinConfig config) {
    String document = load();
    config.routes.get(PATH, ctx -> ctx.contentType("application/json").result(document));
  }

  private static String load() {
    try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the control plane's jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
