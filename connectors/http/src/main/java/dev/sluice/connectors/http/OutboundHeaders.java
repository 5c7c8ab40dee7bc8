package dev.sluice.connectors.http;

import dev.sluice.api.Problem;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code headers} field of the components that call out: extra request headers, such as
 * {@code Authorization}. Values are secret (never logged or answered by the API); names must be
 * HTTP tokens, and the headers the client manages itself are refused.
 */
final class OutboundHeaders {

  static final String FIELD = "headers";

  /** Headers the JDK's client sets itself and refuses from callers. */
  private static final Set<String> MANAGED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private OutboundHeaders() {}

  /** The spec field {@value #FIELD}. */
  static ConfigField.Builder field() {
    return ConfigField.builder(FIELD, ConfigType.MAP)
        .elements(ConfigType.STRING)
        .secret()
        .doc("Request headers to send, such as Authorization; their values are secret: never "
            + "logged, never shown by the API.")
        .examples("{Authorization: Bearer <token>}");
  }

  /** The problems of the headers in {@code config}, each at {@code headers.<name>}. */
  static List<Problem> check(Map<String, Object> config) {
    List<Problem> problems = new ArrayList<>();
    if (!(config.get(FIELD) instanceof Map<?, ?> headers)) {
      return problems;
    }
    headers.forEach((k, v) -> {
      String name = String.valueOf(k);
      String path = FIELD + "." + name;
      if (!TOKEN.matcher(name).matches()) {
        problems.add(Problem.at(path, name, "'" + name + "' is not a valid header name; use "
            + "letters, digits and '-', such as X-Api-Key"));
      } else if (MANAGED.contains(name.toLowerCase(Locale.ROOT))) {
        problems.add(Problem.at(path, name, "Sluice sets " + name + " itself; remove it from "
            + FIELD));
      } else if (String.valueOf(v).chars().anyMatch(c -> c == '\r' || c == '\n')) {
        problems.add(Problem.at(path, null, "the value of header " + name + " has a line "
            + "break; write it on one line"));
      }
    });
    return problems;
  }
}
