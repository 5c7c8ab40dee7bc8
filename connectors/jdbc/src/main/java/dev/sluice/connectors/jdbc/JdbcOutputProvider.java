package dev.sluice.connectors.jdbc;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.SinkConnector;
import dev.sluice.api.component.SinkConnectorProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;

/** Announces the {@code jdbc} output and creates its sinks. */
public final class JdbcOutputProvider implements SinkConnectorProvider {

  static final ConfigSpec BATCH_SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("count", ConfigType.INTEGER)
          .range(1, 10_000)
          .defaultValue(500L)
          .doc("The most records written in one transaction."))
      .field(ConfigField.builder("period", ConfigType.DURATION)
          .defaultValue("100ms")
          .doc("How long to wait for a batch to fill after its first record arrived."))
      .build();

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("url", ConfigType.STRING)
          .required()
          .doc("JDBC URL of the PostgreSQL database. Parameters that load classes or read files "
              + "on the worker (socketFactory, sslfactory, sslrootcert, loggerFile...) are refused.")
          .examples("jdbc:postgresql://db.internal:5432/shop?sslmode=verify-full"))
      .field(ConfigField.builder("user", ConfigType.STRING)
          .doc("Database user; unset: the user in the URL."))
      .field(ConfigField.builder("password", ConfigType.STRING)
          .secret()
          .doc("The user's password."))
      .field(ConfigField.builder("table", ConfigType.STRING)
          .required()
          .doc("Table to write to, optionally schema-qualified; names are used exactly as "
              + "written (case-sensitive).")
          .examples("orders", "sales.orders"))
      .field(ConfigField.builder("mode", ConfigType.ENUM)
          .choices("insert", "upsert")
          .defaultValue("upsert")
          .doc("insert appends rows; upsert inserts or updates by key (INSERT ... ON CONFLICT), "
              + "so a redelivered record leaves one row."))
      .field(ConfigField.builder("key", ConfigType.LIST)
          .elements(ConfigType.STRING)
          .doc("Key columns for upserts and deletes; unset: the table's primary key.")
          .examples("[id]", "[tenant, order_id]"))
      .field(ConfigField.builder("columns", ConfigType.MAP)
          .elements(ConfigType.EXPRESSION)
          .doc("Column name to an expression evaluated on each row (the record's value, or a "
              + "change event's after); unset: each top-level field goes to the column of the "
              + "same name.")
          .examples("{id: order.id, total: $round(amount * 1.2, 2)}"))
      .field(ConfigField.builder("ignoreUnknownFields", ConfigType.BOOLEAN)
          .defaultValue(false)
          .doc("Skip fields that have no column; otherwise such a record is refused, naming the "
              + "field."))
      .field(ConfigField.builder("createTable", ConfigType.BOOLEAN)
          .defaultValue(false)
          .doc("Create the table when it does not exist, with column types taken from the first "
              + "record and the key as primary key."))
      .field(ConfigField.builder("changeEvents", ConfigType.BOOLEAN)
          .defaultValue(true)
          .advanced()
          .doc("Apply records shaped like change events ({op, before, after}) as upserts and "
              + "deletes by key; false writes them as plain rows."))
      .field(ConfigField.builder("batch", ConfigType.OBJECT)
          .nested(BATCH_SPEC)
          .doc("How many records go into one transaction, and how long to wait for them."))
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("jdbc", ComponentKind.OUTPUT,
        "Inserts, upserts or deletes rows of a PostgreSQL table, in batched transactions.", SPEC,
        new JdbcConfigCheck());
  }

  @Override
  public SinkConnector create() {
    return new JdbcSink();
  }
}
