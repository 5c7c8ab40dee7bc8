package dev.sluice.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The REST path of a stream named on the command line as {@code namespace/name}. */
final class StreamPath {

  private StreamPath() {}

  /**
   * {@code /api/v1/streams/<namespace>/<name>}.
   *
   * @throws UserError when {@code id} is not {@code namespace/name}
   */
  static String of(String id) {
    String[] parts = id.split("/", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new UserError("'" + id + "' does not name a stream: write it as namespace/name, for example "
          + "examples/orders-large (sluice get streams lists them)");
    }
    return "/api/v1/streams/" + encode(parts[0]) + "/" + encode(parts[1]);
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
