package dev.sluice.connectors.postgrescdc;

import dev.sluice.api.Problem;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.error.RetriableException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Sorts what went wrong talking to Postgres, directly or inside Debezium, into Sluice's errors:
 * what may pass (server unreachable or restarting, slot still held by a stopping instance) is
 * retriable; what the configuration must change (credentials, database, privileges, server
 * settings, a snapshot mode that cannot resume) is a config error naming the field and the fix;
 * anything else is permanent, so the stream fails with the reason.
 */
final class PostgresFailures {

  private PostgresFailures() {}

  /** The Sluice error for {@code failure} of the input configured as {@code config}. */
  static ComponentException classify(Throwable failure, PostgresCdcConfig config) {
    String server = config.server();
    Optional<SQLException> sql = find(failure, SQLException.class);
    String state = sql.map(SQLException::getSQLState).orElse("");
    String detail = sql.map(Throwable::getMessage).orElseGet(() -> message(failure));
    if (state.startsWith("08") || state.equals("53300") || state.startsWith("57P")
        || isNetwork(failure)) {
      return new RetriableException(
          "Postgres at " + server + " cannot be reached: " + detail + "; retrying", failure);
    }
    if (state.equals("55006")) {
      return new RetriableException("replication slot '" + config.slot() + "' is in use by another "
          + "connection (a stopping instance of this stream, or another stream with the same "
          + "slot): " + detail + "; retrying", failure);
    }
    return switch (state) {
      case "28P01", "28000" -> config("password", null, "Postgres at " + server + " refused user '"
          + config.user() + "': " + detail + "; check user and password, and that pg_hba.conf "
          + "lets this user in for the database and for replication");
      case "3D000" -> config("database", config.database(), "database '" + config.database()
          + "' does not exist on " + server + "; create it or name an existing one");
      case "42501" -> config("user", config.user(), "user '" + config.user() + "' lacks a "
          + "privilege: " + detail + "; it needs REPLICATION (ALTER ROLE " + config.user()
          + " REPLICATION), SELECT on the tables, and ownership of them to create the publication "
          + "(or create publication " + config.publication() + " for the tables beforehand)");
      case "53400" -> config("slot", config.slot(), "Postgres at " + server + " has no free "
          + "replication slot: " + detail + "; drop unused slots or raise max_replication_slots");
      case "55000" -> config("hostname", config.hostname(), "Postgres at " + server + " is not "
          + "ready for logical decoding: " + detail + "; set wal_level = logical and restart it");
      default -> byMessage(failure, config);
    };
  }

  private static ComponentException byMessage(Throwable failure, PostgresCdcConfig config) {
    String message = message(failure);
    if (says(failure, "previously stopped while taking a snapshot")) {
      return config("snapshot", config.snapshot().configName(), "the input stopped during its "
          + "snapshot, which snapshot: never cannot finish; set snapshot: initial or when_needed "
          + "to snapshot again, or reset the stream's stored positions");
    }
    if (says(failure, "no longer available on the server")) {
      return config("snapshot", config.snapshot().configName(), "the stored position is no "
          + "longer in replication slot '" + config.slot() + "' (the slot was dropped or "
          + "recreated); set snapshot: when_needed to snapshot again, or reset the stream's "
          + "stored positions");
    }
    if (find(failure, org.apache.kafka.connect.errors.RetriableException.class).isPresent()) {
      return new RetriableException("postgres_cdc on " + config.server() + ": " + message, failure);
    }
    return new PermanentException("postgres_cdc on " + config.server() + " failed: " + message,
        failure);
  }

  private static ConfigException config(String field, String value, String message) {
    return new ConfigException(List.of(Problem.at(field, value, message)));
  }

  private static boolean isNetwork(Throwable failure) {
    return find(failure, ConnectException.class).isPresent()
        || find(failure, UnknownHostException.class).isPresent()
        || find(failure, NoRouteToHostException.class).isPresent()
        || find(failure, SocketTimeoutException.class).isPresent();
  }

  /** Whether a message in the chain of {@code failure} contains {@code text}. */
  private static boolean says(Throwable failure, String text) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(text)) {
        return true;
      }
    }
    return false;
  }

  /** The deepest message of the chain: Debezium's wrappers say little. */
  private static String message(Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    for (Throwable t = failure.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    return message;
  }

  private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }
}
