package dev.sluice.connectors.jdbc;

import dev.sluice.api.Problem;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.postgresql.PGProperty;
import org.postgresql.util.PGPropertyUtil;

/**
 * Refuses JDBC URLs that would make the PostgreSQL driver do more than connect: load a class
 * named in the URL (socket factories, SSL factories, callbacks, plugins), read a file of the
 * worker (keys, certificates, service files, log files), use the worker's own credentials, or
 * carry a password in plain sight. Stream documents are written by users, but run inside the
 * worker; the URL is the one free-form string the driver interprets.
 *
 * <p>Parameters are read the way the driver reads them ({@code org.postgresql.Driver.parseURL}):
 * after the first {@code ?}, split at {@code &}, the name up to the first {@code =}. Names are
 * compared without regard to case and also percent-decoded, so no spelling slips past that the
 * driver would honour. Unknown names are refused too: the driver would ignore them silently, and a
 * misspelt {@code sslMode} would leave TLS off. Pure and thread-safe: reads no files, no network.
 */
final class JdbcUrlGuard {

  /** The only scheme accepted. */
  static final String SCHEME = "jdbc:postgresql:";

  private static final String LOADS_CLASS = "makes the driver load and run a class named in the "
      + "URL inside the worker; remove it: the jdbc output connects with the driver's own "
      + "sockets, and TLS is set with sslmode";
  private static final String READS_FILE = "makes the driver read a file of the worker's disk; "
      + "remove it: per-stream certificate and key files are not supported, and with "
      + "sslmode=verify-full the driver checks the server against the CA certificate the operator "
      + "installed for the worker (~/.postgresql/root.crt)";
  private static final String WORKER_IDENTITY = "makes the driver log in with the worker's own "
      + "credentials rather than the stream's; remove it and give user and password";
  private static final String LOGGING = "changes the driver's logging for every stream on the "
      + "worker; remove it: driver logging is set by the worker's log configuration";

  /** Lower-case parameter name to why it is refused and what to do instead. */
  private static final Map<String, String> REFUSED = Map.ofEntries(
      Map.entry("socketfactory", LOADS_CLASS),
      Map.entry("socketfactoryarg", LOADS_CLASS),
      Map.entry("sslfactory", LOADS_CLASS),
      Map.entry("sslfactoryarg", LOADS_CLASS),
      Map.entry("sslhostnameverifier", LOADS_CLASS),
      Map.entry("sslpasswordcallback", LOADS_CLASS),
      Map.entry("authenticationpluginclassname", LOADS_CLASS),
      Map.entry("connectexecutor", LOADS_CLASS),
      Map.entry("connectexecutorarg", LOADS_CLASS),
      Map.entry("xmlfactoryfactory", LOADS_CLASS),
      Map.entry("classloaderstrategy", LOADS_CLASS),
      Map.entry("sslcert", READS_FILE),
      Map.entry("sslkey", READS_FILE),
      Map.entry("sslrootcert", READS_FILE),
      Map.entry("service", "makes the driver read the worker's pg_service.conf, whose entries "
          + "would bypass these checks; remove it and write host, port and database in the URL"),
      Map.entry("loggerfile", "makes the driver write a log file on the worker's disk; remove "
          + "it: driver logging is set by the worker's log configuration"),
      Map.entry("loggerlevel", LOGGING),
      Map.entry("gssusedefaultcreds", WORKER_IDENTITY),
      Map.entry("jaasapplicationname", WORKER_IDENTITY),
      Map.entry("password", "puts the password in the URL, which is shown and logged; remove it "
          + "and set the password field, which is kept secret"));

  private static final Pattern PASSWORD_VALUE =
      Pattern.compile("(?i)([?&]password=)[^&]*");

  private JdbcUrlGuard() {}

  /** The parameter names refused, lower case; for tests and docs. */
  static List<String> refusedNames() {
    return REFUSED.keySet().stream().sorted().toList();
  }

  /**
   * Every problem of {@code url}, each at {@code field}; none when the driver may have it. The URL
   * in each problem has its password parameter, if any, masked.
   */
  static List<Problem> check(String field, String url) {
    List<Problem> problems = new ArrayList<>();
    String shown = masked(url);
    if (!url.startsWith(SCHEME)) {
      problems.add(Problem.at(field, shown, "expected a PostgreSQL JDBC URL starting with "
          + SCHEME + ", such as jdbc:postgresql://db:5432/shop; other databases are not "
          + "supported"));
      return problems;
    }
    List<Parameter> parameters = parameters(url);
    Stream.concat(Stream.of(url), parameters.stream().map(Parameter::value))
        .map(ConfigReferences::find).flatMap(Optional::stream).findFirst()
        .ifPresent(ref -> problems.add(Problem.at(field, shown, ConfigReferences.message(ref))));
    for (Parameter p : parameters) {
      Optional<String> refusal = refusal(p.name());
      if (refusal.isPresent()) {
        problems.add(Problem.at(field, shown, "the parameter " + p.shown() + " " + refusal.get()));
      } else if (!known(p.name())) {
        problems.add(Problem.at(field, shown, "the parameter " + p.shown() + " is not one the "
            + "PostgreSQL driver knows, so it would be ignored" + suggestion(p.name())));
      }
    }
    return problems;
  }

  /** {@code url} with the values of password parameters replaced by {@code ***}. */
  static String masked(String url) {
    return PASSWORD_VALUE.matcher(url).replaceAll("$1***");
  }

  private static Optional<String> refusal(String name) {
    return Optional.ofNullable(REFUSED.get(name.toLowerCase(Locale.ROOT)))
        .or(() -> Optional.ofNullable(REFUSED.get(decoded(name).toLowerCase(Locale.ROOT))));
  }

  private static boolean known(String name) {
    return PGProperty.forName(PGPropertyUtil.translatePGServiceToPGProperty(name)) != null;
  }

  private static String suggestion(String name) {
    return Arrays.stream(PGProperty.values()).map(PGProperty::getName)
        .filter(known -> known.equalsIgnoreCase(name) || known.equalsIgnoreCase(decoded(name)))
        .findFirst()
        .map(known -> "; did you mean " + known + "? (names are case-sensitive)")
        .orElse("; see the driver's list of connection parameters");
  }

  /** The URL's parameters as the driver splits them: the name raw, the value decoded. */
  static List<Parameter> parameters(String url) {
    int query = url.indexOf('?');
    if (query < 0) {
      return List.of();
    }
    List<Parameter> parameters = new ArrayList<>();
    for (String token : url.substring(query + 1).split("&")) {
      if (token.isEmpty()) {
        continue;
      }
      int eq = token.indexOf('=');
      parameters.add(eq < 0
          ? new Parameter(token, "")
          : new Parameter(token.substring(0, eq), decoded(token.substring(eq + 1))));
    }
    return parameters;
  }

  private static String decoded(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  /**
   * One URL parameter.
   *
   * @param name as written, not decoded (the driver does not decode names)
   * @param value percent-decoded, as the driver passes it on
   */
  record Parameter(String name, String value) {

    /** How the parameter reads in a message: {@code name=value}, shortened. */
    String shown() {
      String text = value.isEmpty() ? name
          : name + "=" + (decoded(name).equalsIgnoreCase("password") ? "***" : value);
      return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
  }
}
