package dev.sluice.connectors.postgrescdc;

import dev.sluice.api.Problem;
import dev.sluice.api.config.ConfigCheck;
import dev.sluice.api.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code postgres_cdc} rules its spec cannot say: names that end up inside Debezium's JDBC URL
 * and SQL statements must be plain (so no URL parameter such as {@code socketFactory} can be slipped
 * in), tables must be {@code schema.table}, and {@code dropSlotOnStop} needs a snapshot mode that
 * can start again without the slot.
 */
final class PostgresCdcConfigCheck implements ConfigCheck {

  private static final Pattern HOST = Pattern.compile(
      "[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}]");
  private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_$.-]{1,63}");
  /** Slot names allow only these; publications follow them so both can share a default. */
  static final Pattern SLOT = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Duration MIN_HEARTBEAT = Duration.ofSeconds(1);

  @Override
  public List<Problem> check(Map<String, Object> config) {
    List<Problem> problems = new ArrayList<>();
    text(config, "hostname").filter(h -> !HOST.matcher(h).matches()).ifPresent(h ->
        problems.add(Problem.at("hostname", h, "'" + h + "' is not a host name; write a DNS name "
            + "or an IP address such as db.internal or 10.0.0.5, without scheme, port or path")));
    text(config, "database").filter(d -> !DATABASE.matcher(d).matches()).ifPresent(d ->
        problems.add(Problem.at("database", d, "'" + d + "' is not a plain database name; use "
            + "letters, digits, '_', '$', '.' and '-' only (at most 63)")));
    text(config, "user").filter(String::isBlank).ifPresent(u ->
        problems.add(Problem.at("user", u, "the user is blank; name the Postgres user to connect as")));
    tables(config, problems);
    for (String field : List.of("slot", "publication")) {
      text(config, field).filter(n -> !SLOT.matcher(n).matches()).ifPresent(n ->
          problems.add(Problem.at(field, n, "'" + n + "' is not a valid " + field + " name; use "
              + "at most 63 lower-case letters, digits and '_', not starting with a digit, such as "
              + "sluice_shop_orders")));
    }
    if (Boolean.TRUE.equals(config.get("dropSlotOnStop"))
        && !SnapshotMode.WHEN_NEEDED.configName().equals(config.get("snapshot"))) {
      Object snapshot = config.getOrDefault("snapshot", SnapshotMode.INITIAL.configName());
      problems.add(Problem.at("dropSlotOnStop", "true", "dropSlotOnStop drops the slot at every "
          + "stop, so the next start must snapshot again, which snapshot: " + snapshot
          + " does not do; set snapshot: when_needed, or dropSlotOnStop: false"));
    }
    text(config, "heartbeat").ifPresent(h -> Durations.parse(h)
        .filter(d -> d.compareTo(MIN_HEARTBEAT) < 0)
        .ifPresent(d -> problems.add(Problem.at("heartbeat", h,
            "a heartbeat more often than every second only loads the server; use 1s or more"))));
    return problems;
  }

  private static void tables(Map<String, Object> config, List<Problem> problems) {
    if (!(config.get("tables") instanceof List<?> tables)) {
      return;
    }
    if (tables.isEmpty()) {
      problems.add(Problem.at("tables", "[]", "name at least one table, such as public.orders"));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < tables.size(); i++) {
      String path = "tables[" + i + "]";
      String table = String.valueOf(tables.get(i));
      if (TableName.parse(table).isEmpty()) {
        problems.add(Problem.at(path, table, "'" + table + "' is not schema.table; write the "
            + "schema and the table, such as public.orders (letters, digits, '_' and '$')"));
      } else if (!seen.add(table)) {
        problems.add(Problem.at(path, table, "'" + table + "' is listed twice; remove one"));
      }
    }
  }

  private static Optional<String> text(Map<String, Object> config, String field) {
    return config.get(field) instanceof String s ? Optional.of(s) : Optional.empty();
  }
}
