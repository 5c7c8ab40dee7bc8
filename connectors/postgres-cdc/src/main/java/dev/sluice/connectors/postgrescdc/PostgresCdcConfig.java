package dev.sluice.connectors.postgrescdc;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.config.Durations;
import dev.sluice.api.error.ConfigException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code postgres_cdc} input's configuration, parsed once at start.
 *
 * @param hostname the server's host
 * @param port the server's port
 * @param database the database whose tables are captured
 * @param user the user to connect as
 * @param password the user's password, or {@code null}
 * @param tables the captured tables, at least one
 * @param snapshot when existing rows are read
 * @param publication the publication to read through
 * @param slot the replication slot of the stream
 * @param dropSlotOnStop whether the slot is dropped whenever the input stops
 * @param heartbeat how often Debezium emits heartbeats
 */
record PostgresCdcConfig(
    String hostname,
    int port,
    String database,
    String user,
    String password,
    List<TableName> tables,
    SnapshotMode snapshot,
    String publication,
    String slot,
    boolean dropSlotOnStop,
    Duration heartbeat) {

  private static final String DEFAULT_HEARTBEAT =
      (String) PostgresCdcInputProvider.SPEC.field("heartbeat").orElseThrow().defaultValue();

  /** Postgres' longest identifier, and so the longest slot or publication name. */
  private static final int MAX_NAME = 63;

  PostgresCdcConfig {
    tables = List.copyOf(tables);
  }

  /**
   * Reads the config of {@code context}, which Sluice validated against {@link
   * PostgresCdcInputProvider#SPEC}, running {@link PostgresCdcConfigCheck} again for configs that
   * reached the input by another path.
   *
   * @throws ConfigException with every field that cannot work
   */
  static PostgresCdcConfig from(ComponentContext context) throws ConfigException {
    Map<String, Object> config = context.config();
    List<Problem> problems = new ArrayList<>(new PostgresCdcConfigCheck().check(config));
    for (String required : List.of("hostname", "database", "user", "tables")) {
      if (config.get(required) == null) {
        problems.add(Problem.at(required, null, "'" + required + "' is required"));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    String defaultName = defaultName(context.stream());
    List<TableName> tables = ((List<?>) config.get("tables")).stream()
        .map(t -> TableName.parse(String.valueOf(t)).orElseThrow())
        .toList();
    return new PostgresCdcConfig(
        (String) config.get("hostname"),
        ((Number) config.getOrDefault("port", 5432L)).intValue(),
        (String) config.get("database"),
        (String) config.get("user"),
        (String) config.get("password"),
        tables,
        SnapshotMode.of((String) config.getOrDefault("snapshot", "initial")),
        (String) config.getOrDefault("publication", defaultName),
        (String) config.getOrDefault("slot", defaultName),
        Boolean.TRUE.equals(config.get("dropSlotOnStop")),
        Durations.parse((String) config.getOrDefault("heartbeat", DEFAULT_HEARTBEAT)).orElseThrow());
  }

  /**
   * {@code sluice_<namespace>_<name>} of the stream {@code namespace/name}, as a slot name: lower
   * case, every other character an underscore; names over 63 characters keep their start and end
   * with a hash of the whole, so two long streams never share a slot.
   */
  static String defaultName(String stream) {
    String name = ("sluice_" + stream).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    if (name.length() <= MAX_NAME) {
      return name;
    }
    String hash = HexFormat.of().formatHex(sha256(name), 0, 4);
    return name.substring(0, MAX_NAME - hash.length() - 1) + "_" + hash;
  }

  /** {@code host:port/database}, for messages. */
  String server() {
    return hostname + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "PostgresCdcConfig[" + server() + ", user=" + user + ", tables=" + tables
        + ", snapshot=" + snapshot.configName() + ", publication=" + publication + ", slot=" + slot
        + ", dropSlotOnStop=" + dropSlotOnStop + ", heartbeat=" + heartbeat + "]";
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
