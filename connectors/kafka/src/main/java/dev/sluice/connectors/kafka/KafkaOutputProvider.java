package dev.sluice.connectors.kafka;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.SinkConnector;
import dev.sluice.api.component.SinkConnectorProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;

/**
 * Announces the {@code kafka} output. Without {@code bootstrap} the stream's topology writes the
 * system cluster itself and {@link #create()} is not used; with {@code bootstrap} a {@link
 * KafkaSink} writes the stream's records to the external cluster.
 */
public final class KafkaOutputProvider implements SinkConnectorProvider {

  static final ConfigSpec SPEC;

  static {
    ConfigSpec.Builder spec = ConfigSpec.builder()
        .field(ConfigField.builder("topic", ConfigType.STRING)
            .required()
            .doc("Topic to write to.")
            .examples("orders-large"))
        .field(KafkaFormat.field())
        .field(ConfigField.builder("key", ConfigType.EXPRESSION)
            .doc("Expression for each record's key; unset: keep the key the record has.")
            .examples("customer.id"))
        .field(ConfigField.builder("headers", ConfigType.MAP)
            .elements(ConfigType.EXPRESSION)
            .doc("Headers to set on each record: name -> expression evaluated on the value; text "
                + "is written as UTF-8, other values as JSON, nothing leaves the header out.")
            .examples("{source: \"'sluice'\", customer: customer.id}"))
        .field(ConfigField.builder("compression", ConfigType.ENUM)
            .choices("none", "gzip", "snappy", "lz4", "zstd")
            .defaultValue("none")
            .doc("How record batches are compressed."))
        .field(ConfigField.builder("acks", ConfigType.ENUM)
            .choices("all", "1", "0")
            .defaultValue("all")
            .doc("Which replicas must have a record before it counts as written: all in-sync "
                + "ones, the leader, or none."))
        .field(ConfigField.builder("idempotence", ConfigType.BOOLEAN)
            .defaultValue(true)
            .doc("Whether retried sends never duplicate or reorder records; needs acks all."))
        .field(ConfigField.builder("batch", ConfigType.OBJECT)
            .nested(ConfigSpec.builder()
                .field(ConfigField.builder("bytes", ConfigType.INTEGER)
                    .range(0, Integer.MAX_VALUE)
                    .defaultValue(16_384L)
                    .doc("The most bytes of records sent to one partition in one request."))
                .field(ConfigField.builder("linger", ConfigType.DURATION)
                    .defaultValue("5ms")
                    .doc("How long to wait for more records to fill a batch."))
                .build())
            .doc("How records are gathered into requests; default {bytes: 16384, linger: 5ms}."));
    KafkaConnection.fields().forEach(spec::field);
    SPEC = spec
        .field(ConfigField.builder("properties", ConfigType.MAP)
            .elements(ConfigType.STRING)
            .advanced()
            .doc("Producer tuning passed on to Kafka, from an allow-list (buffer.memory, "
                + "max.request.size, compression levels, ...); nothing that loads classes, names "
                + "login modules or reads files.")
            .examples("{max.request.size: \"4194304\"}"))
        .build();
  }

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("kafka", ComponentKind.OUTPUT,
        "Writes records to a Kafka topic, on the cluster Sluice runs on or an external one.",
        SPEC, KafkaConfigCheck.OUTPUT);
  }

  @Override
  public SinkConnector create() {
    return new KafkaSink();
  }
}
