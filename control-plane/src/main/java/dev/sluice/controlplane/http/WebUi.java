package dev.sluice.controlplane.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The web UI at {@code /}, when its files are on the class path (the {@code sluice-ui} jar, which
 * the CLI's distribution carries): the built files as they are, and {@code index.html} for every
 * other page the browser asks for, so that the UI's own paths ({@code /streams/shop/orders}) load.
 * The API, health and metrics paths are never answered with the UI.
 */
final class WebUi {

  /** Where the UI's files are on the class path. */
  static final String RESOURCES = "/dev/sluice/ui";

  private static final List<String> SERVER_PATHS = List.of("/api/", "/healthz", "/readyz", "/metrics");

  private WebUi() {}

  /** Serves the UI if its files are on the class path; without them, {@code /} is a 404 like any unknown path. */
  static void register(JavalinConfig config) {
    URL index = WebUi.class.getResource(RESOURCES + "/index.html");
    if (index == null) {
      return;
    }
    String html = read(index);
    config.staticFiles.add(files -> {
      files.hostedPath = "/";
      files.directory = RESOURCES;
      files.location = Location.CLASSPATH;
    });
    config.spaRoot.addHandler("/", ctx -> page(ctx, html));
  }

  private static void page(Context ctx, String html) {
    if (SERVER_PATHS.stream().anyMatch(p -> ctx.path().startsWith(p))) {
      throw new ApiError(404, "Not found", "no route " + ctx.method() + " " + ctx.path()
          + "; see /api/v1/openapi.json");
    }
    ctx.html(html);
  }

  private static String read(URL url) {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the web UI's " + url, e);
    }
  }
}
