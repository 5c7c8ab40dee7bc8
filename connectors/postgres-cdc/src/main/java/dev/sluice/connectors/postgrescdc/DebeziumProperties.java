package dev.sluice.connectors.postgrescdc;

import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The embedded engine's properties for a config: every one set here, none taken from users, so a
 * stream document can only reach the typed fields of {@link PostgresCdcConfig}.
 */
final class DebeziumProperties {

  private static final String CONNECTOR = "io.debezium.connector.postgresql.PostgresConnector";
  /** How long Debezium's poll waits for changes when there are none: the idle latency. */
  private static final String POLL_INTERVAL_MS = "100";

  private DebeziumProperties() {}

  /**
   * The properties of an engine for {@code config} whose offsets come from the {@link
   * PositionBackingStore} seed registered as {@code positionId}.
   */
  static Properties of(PostgresCdcConfig config, String positionId) {
    Properties p = new Properties();
    // The slot is unique on the server: as engine name and topic prefix it also keeps Debezium's
    // JMX names apart when several inputs run in one worker.
    p.setProperty("name", config.slot());
    p.setProperty("topic.prefix", config.slot());
    p.setProperty("connector.class", CONNECTOR);
    p.setProperty("offset.storage", PositionBackingStore.class.getName());
    p.setProperty(PositionBackingStore.ID_PROPERTY, positionId);
    p.setProperty("database.hostname", config.hostname());
    p.setProperty("database.port", Integer.toString(config.port()));
    p.setProperty("database.dbname", config.database());
    p.setProperty("database.user", config.user());
    if (config.password() != null) {
      p.setProperty("database.password", config.password());
    }
    p.setProperty("plugin.name", "pgoutput");
    p.setProperty("slot.name", config.slot());
    p.setProperty("publication.name", config.publication());
    p.setProperty("publication.autocreate.mode", "filtered");
    p.setProperty("table.include.list", config.tables().stream()
        .map(TableName::includePattern).collect(Collectors.joining(",")));
    p.setProperty("snapshot.mode", config.snapshot().debeziumName());
    // A delete is one record with op d; Sluice has no use for Kafka compaction's tombstones.
    p.setProperty("tombstones.on.delete", "false");
    p.setProperty("skipped.operations", "t");
    // Value shapes ChangeEventConverter expects: exact decimals, numbers for time that
    // TemporalValues turns into ISO text, base64 bytes.
    p.setProperty("decimal.handling.mode", "precise");
    p.setProperty("time.precision.mode", "adaptive_time_microseconds");
    p.setProperty("interval.handling.mode", "string");
    p.setProperty("binary.handling.mode", "base64");
    p.setProperty("hstore.handling.mode", "json");
    p.setProperty("poll.interval.ms", POLL_INTERVAL_MS);
    // Once every change received is confirmed (heartbeats confirm the commits of the changes
    // before them), the driver also confirms the server's keepalive position: the slot then lets
    // go of WAL written for other tables while the captured ones are quiet. It never confirms
    // past a change that is not confirmed yet.
    p.setProperty("lsn.flush.mode", "connector_and_driver");
    p.setProperty("heartbeat.interval.ms", Long.toString(config.heartbeat().toMillis()));
    return p;
  }
}
