package dev.sluice.connectors.jdbc;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds references such as {@code ${env:DB_PASSWORD}} or {@code ${file:/etc/db.properties:pw}}
 * in config values. Kafka's config providers and log4j's lookups expand them; Sluice passes values
 * as written, so a reference is either a mistake (the database would see the literal text) or an
 * attempt to make the worker read its environment or files. Either way it is refused.
 */
final class ConfigReferences {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{[A-Za-z][\\w.-]*:[^}]*}");

  private ConfigReferences() {}

  /** The first reference in {@code text}, if any. */
  static Optional<String> find(String text) {
    Matcher m = REFERENCE.matcher(text);
    return m.find() ? Optional.of(m.group()) : Optional.empty();
  }

  /** What to tell a user who wrote {@code reference}. */
  static String message(String reference) {
    return "'" + reference + "' is a reference Sluice does not expand: values are used as written, "
        + "never read from the worker's environment or files; write the value itself (passwords "
        + "go in the password field, which is kept secret)";
  }
}
