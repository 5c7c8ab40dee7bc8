package dev.sluice.connectors.postgrescdc;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.SourceConnector;
import dev.sluice.api.component.SourceConnectorProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;

/**
 * Announces the {@code postgres_cdc} input and creates its sources.
 *
 * <p>The spec has typed fields only: there is no map of Debezium or Kafka Connect properties to
 * pass through, so nothing in a stream document can make Debezium load a class, a JAAS module or a
 * config provider.
 */
public final class PostgresCdcInputProvider implements SourceConnectorProvider {

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("hostname", ConfigType.STRING)
          .required()
          .doc("Host name or IP address of the Postgres server (no scheme, port or path).")
          .examples("db.internal", "10.0.0.5"))
      .field(ConfigField.builder("port", ConfigType.INTEGER)
          .range(1, 65_535)
          .defaultValue(5432L)
          .doc("Port of the Postgres server."))
      .field(ConfigField.builder("database", ConfigType.STRING)
          .required()
          .doc("Database whose tables are captured.")
          .examples("shop"))
      .field(ConfigField.builder("user", ConfigType.STRING)
          .required()
          .doc("User to connect as; needs the REPLICATION attribute (or superuser), SELECT on the "
              + "tables, and the right to create the publication unless it exists.")
          .examples("sluice_cdc"))
      .field(ConfigField.builder("password", ConfigType.STRING)
          .secret()
          .doc("Password of the user; unset when the server does not ask for one."))
      .field(ConfigField.builder("tables", ConfigType.LIST)
          .elements(ConfigType.STRING)
          .required()
          .doc("Tables to capture, each as schema.table, names as Postgres stores them (unquoted "
              + "names are lower case).")
          .examples("[public.orders, public.customers]"))
      .field(ConfigField.builder("snapshot", ConfigType.ENUM)
          .choices(SnapshotMode.names())
          .defaultValue(SnapshotMode.INITIAL.configName())
          .doc("initial: read the tables' current rows (op r) on the first start, then stream "
              + "changes; never: stream changes only; when_needed: snapshot on the first start and "
              + "again whenever the stored position is no longer available in the slot."))
      .field(ConfigField.builder("publication", ConfigType.STRING)
          .advanced()
          .doc("Publication to read through; created (or updated to the tables) when missing. "
              + "Default: sluice_<namespace>_<name> of the stream.")
          .examples("sluice_shop_orders"))
      .field(ConfigField.builder("slot", ConfigType.STRING)
          .advanced()
          .doc("Replication slot of the stream, unique on the server; created when missing. "
              + "Default: sluice_<namespace>_<name> of the stream, at most 63 characters.")
          .examples("sluice_shop_orders"))
      .field(ConfigField.builder("dropSlotOnStop", ConfigType.BOOLEAN)
          .defaultValue(false)
          .advanced()
          .doc("Drop the replication slot whenever the input stops (stream deleted, paused or "
              + "moved), so it keeps no WAL on the server; the next start then snapshots again. "
              + "Needs snapshot: when_needed."))
      .field(ConfigField.builder("heartbeat", ConfigType.DURATION)
          .defaultValue("30s")
          .advanced()
          .doc("How often the input confirms its position to Postgres while the captured tables "
              + "are quiet, so the slot does not keep the WAL other tables write; at least 1s.")
          .examples("10s", "1m"))
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("postgres_cdc", ComponentKind.INPUT,
        "Captures inserts, updates and deletes of Postgres tables (Debezium, pgoutput).", SPEC,
        new PostgresCdcConfigCheck());
  }

  @Override
  public SourceConnector create() {
    return new PostgresCdcSource();
  }
}
