package dev.sluice.connectors.kafka;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.SourceConnector;
import dev.sluice.api.component.SourceConnectorProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;

/**
 * Announces the {@code kafka} input. Without {@code bootstrap} the stream's topology reads the
 * system cluster itself and {@link #create()} is not used; with {@code bootstrap} a {@link
 * KafkaSource} reads the external cluster into the stream.
 */
public final class KafkaInputProvider implements SourceConnectorProvider {

  static final ConfigSpec SPEC;

  static {
    ConfigSpec.Builder spec = ConfigSpec.builder()
        .field(ConfigField.builder("topics", ConfigType.LIST)
            .elements(ConfigType.STRING)
            .required()
            .doc("Topics to read.")
            .examples("[orders]"))
        .field(KafkaFormat.field())
        .field(ConfigField.builder("start", ConfigType.ENUM)
            .choices("earliest", "latest")
            .defaultValue("earliest")
            .doc("Where a stream starts reading when it has no committed position yet."));
    KafkaConnection.fields().forEach(spec::field);
    SPEC = spec
        .field(ConfigField.builder("group", ConfigType.STRING)
            .doc("Consumer group on the external cluster that Sluice commits read offsets to, for "
                + "lag monitoring and as a fallback position; default sluice-<namespace>-<name>.")
            .examples("orders-mirror"))
        .field(ConfigField.builder("properties", ConfigType.MAP)
            .elements(ConfigType.STRING)
            .advanced()
            .doc("Consumer tuning passed on to Kafka, from an allow-list (fetch.*, "
                + "max.poll.records, isolation.level, ...); nothing that loads classes, names "
                + "login modules or reads files.")
            .examples("{max.poll.records: \"1000\"}"))
        .build();
  }

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("kafka", ComponentKind.INPUT,
        "Reads records from Kafka topics, on the cluster Sluice runs on or an external one.",
        SPEC, KafkaConfigCheck.INPUT);
  }

  @Override
  public SourceConnector create() {
    return new KafkaSource();
  }
}
