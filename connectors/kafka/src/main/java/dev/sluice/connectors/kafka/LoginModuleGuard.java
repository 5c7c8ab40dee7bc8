package dev.sluice.connectors.kafka;

import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.security.JaasUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets Kafka's JVM-wide guard on JAAS login modules before Sluice creates a client for an external
 * cluster, so that no client in this JVM can log in through JNDI or LDAP (the classic remote code
 * execution through a JAAS config).
 *
 * <p>Sluice's own configs can name only the login modules of {@link SaslMechanism}, because it
 * writes every JAAS line itself; the guard is the second line of defence, for whatever else runs
 * in the worker. kafka-clients 4.3 reads two system properties at every login: {@value
 * JaasUtils#ALLOWED_LOGIN_MODULES_CONFIG}, an allow-list, wins over {@value
 * JaasUtils#DISALLOWED_LOGIN_MODULES_CONFIG}, a deny-list that is deprecated (and logs a warning at
 * every login when set). So the guard sets the allow-list to Kafka's standard client modules —
 * PLAIN, SCRAM, OAUTHBEARER and Kerberos — which leaves out {@code JndiLoginModule}, {@code
 * LdapLoginModule} and any other class. An allow-list the operator set is kept as it is, unless it
 * admits JNDI or LDAP: those two are removed from it.
 *
 * <p>Thread-safe; {@link #install()} is idempotent.
 */
final class LoginModuleGuard {

  private static final Logger log = LoggerFactory.getLogger(LoginModuleGuard.class);

  /** Kafka's standard client login modules: what the allow-list admits. */
  static final List<String> ALLOWED = List.of(
      "org.apache.kafka.common.security.plain.PlainLoginModule",
      "org.apache.kafka.common.security.scram.ScramLoginModule",
      "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule",
      "com.sun.security.auth.module.Krb5LoginModule");

  /** The modules that must never be admitted, whatever the operator set. */
  static final List<String> REFUSED = List.of(
      "com.sun.security.auth.module.JndiLoginModule",
      "com.sun.security.auth.module.LdapLoginModule");

  private LoginModuleGuard() {}

  /** Sets or tightens the allow-list; see the class comment. */
  static synchronized void install() {
    String current = System.getProperty(JaasUtils.ALLOWED_LOGIN_MODULES_CONFIG);
    if (current == null || current.isBlank()) {
      System.setProperty(JaasUtils.ALLOWED_LOGIN_MODULES_CONFIG, String.join(",", ALLOWED));
      return;
    }
    List<String> modules = Arrays.stream(current.split(",")).map(String::trim).toList();
    List<String> kept = modules.stream().filter(m -> !REFUSED.contains(m)).toList();
    if (kept.size() != modules.size()) {
      log.warn("removing JndiLoginModule and LdapLoginModule from the system property {}: they "
          + "allow remote code execution through a JAAS config",
          JaasUtils.ALLOWED_LOGIN_MODULES_CONFIG);
      System.setProperty(JaasUtils.ALLOWED_LOGIN_MODULES_CONFIG, String.join(",", kept));
    }
  }
}
