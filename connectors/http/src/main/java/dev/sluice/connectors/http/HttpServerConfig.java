package dev.sluice.connectors.http;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.error.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code http_server} input's configuration, parsed once at start.
 *
 * @param token the bearer token requests must carry
 * @param maxBodyBytes the largest request body accepted
 * @param rateLimit requests a second on each worker, 0 for no limit
 * @param queueBytes bytes of request bodies an instance holds before they are polled
 * @param port the worker's ingest port
 */
record HttpServerConfig(
    String token, long maxBodyBytes, long rateLimit, long queueBytes, int port) {

  static final int MIN_TOKEN_LENGTH = 16;
  static final long MAX_BODY_LIMIT = 64L << 20;

  /**
   * Reads the config and the worker's ingest port.
   *
   * @throws ConfigException when the config breaks a rule or the worker has no ingest port
   */
  static HttpServerConfig from(ComponentContext context) throws ConfigException {
    List<Problem> problems = new ArrayList<>(check(context.config()));
    String portSetting = context.workerSetting(ComponentContext.INGEST_PORT).orElse(null);
    int port = port(portSetting, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    ConfigValues values = new ConfigValues(context.config(), HttpServerInputProvider.SPEC);
    return new HttpServerConfig(values.string("token"), values.integer("maxBodyBytes"),
        values.integer("rateLimit"), values.integer("queueBytes"), port);
  }

  /** The rules the spec cannot say: a token long enough to be a secret. */
  static List<Problem> check(Map<String, Object> config) {
    Object token = config.get("token");
    if (token instanceof String text && text.strip().length() >= MIN_TOKEN_LENGTH
        && text.chars().noneMatch(Character::isWhitespace)) {
      return List.of();
    }
    // The value is a secret: never echo it.
    return List.of(Problem.at("token", null, "the token must have at least " + MIN_TOKEN_LENGTH
        + " characters and no spaces, so that it cannot be guessed; use a random one, such as "
        + "the output of 'openssl rand -hex 24'"));
  }

  private static int port(String setting, List<Problem> problems) {
    if (setting == null) {
      problems.add(Problem.at("", null, "http_server receives records on the worker's ingest "
          + "port, and this worker has none; start the worker with --ingest-port PORT"));
      return 0;
    }
    try {
      int port = Integer.parseInt(setting.trim());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(Problem.at("", setting, "the worker's ingest port '" + setting + "' is not a "
        + "TCP port; start the worker with --ingest-port and a number from 1 to 65535"));
    return 0;
  }
}
