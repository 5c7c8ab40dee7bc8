package dev.sluice.connectors.kafka;

import dev.sluice.api.Problem;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.RetriableException;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * Sorts Kafka client errors into Sluice's taxonomy: what the cluster will never accept from this
 * config (authentication, authorisation, bad topics) is a config error; what one record can never
 * be (too large, invalid for the topic) is permanent for that record; everything else —
 * time-outs, lost connections, leader changes, unknown trouble — may pass and is retriable.
 */
final class KafkaErrors {

  private KafkaErrors() {}

  /** Whether {@code error} refuses one record for good. */
  static boolean refusesRecord(Throwable error) {
    return error instanceof RecordTooLargeException || error instanceof RecordBatchTooLargeException
        || error instanceof InvalidRecordException;
  }

  /** The config error {@code error} amounts to, or {@code null} when it is not one. */
  static ConfigException configError(Throwable error, String bootstrap, String topics) {
    if (error instanceof SslAuthenticationException) {
      return config("tls", "the TLS handshake with " + bootstrap + " failed (" + error.getMessage()
          + "); check tls.ca (the authority that signed the brokers' certificates), "
          + "verifyHostname, and that the brokers speak TLS on that port");
    }
    if (error instanceof AuthenticationException) {
      return config("sasl", "authentication to " + bootstrap + " failed (" + error.getMessage()
          + "); check sasl.mechanism, sasl.username and sasl.password");
    }
    if (error instanceof AuthorizationException) {
      return config("sasl.username", "the cluster at " + bootstrap + " refused access ("
          + error.getMessage() + "); grant the user access to " + topics + " (and, for the "
          + "input, its consumer group), or use another user");
    }
    if (error instanceof InvalidTopicException) {
      return config("topic", error.getMessage() + "; fix the topic name");
    }
    return null;
  }

  /**
   * Why a client could not be created from a config: unresolvable brokers, unreadable PEM, a
   * login module the JVM does not allow. Names the field the root cause points at.
   */
  static ConfigException cannotCreate(RuntimeException error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage());
    String lower = message.toLowerCase(Locale.ROOT);
    String path = lower.contains("bootstrap") ? "bootstrap"
        : lower.contains("login") || lower.contains("jaas") || lower.contains("sasl") ? "sasl"
        : lower.contains("ssl") || lower.contains("pem") || lower.contains("cert")
            || lower.contains("key") ? "tls" : "";
    return config(path, "the Kafka client cannot be created with these settings: " + message);
  }

  /** {@code error} as a config error when it is one, otherwise as a retriable one. */
  static ComponentException classify(Throwable error, String what, String bootstrap,
      String topics) {
    ConfigException config = configError(error, bootstrap, topics);
    return config != null ? config : new RetriableException(what + " failed: "
        + error.getClass().getSimpleName() + ": " + error.getMessage(), error);
  }

  private static ConfigException config(String path, String message) {
    return new ConfigException(List.of(Problem.at(path, null, message)));
  }
}
