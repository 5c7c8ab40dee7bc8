package dev.sluice.connectors.kafka;

import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.error.ConfigException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The kafka input's configuration for an external cluster, parsed once at start.
 *
 * @param topics the topics to read
 * @param format how values are decoded
 * @param startAtEnd whether partitions without a stored or committed position start at their end
 * @param group the consumer group offsets are committed to
 * @param connection how to reach the cluster
 * @param properties allowed consumer tuning
 */
record KafkaSourceConfig(
    List<String> topics,
    KafkaFormat format,
    boolean startAtEnd,
    String group,
    KafkaConnection connection,
    Map<String, Object> properties) {

  /**
   * Reads and checks the config of {@code context}.
   *
   * @throws ConfigException with every problem, {@code bootstrap} missing included
   */
  @SuppressWarnings("unchecked")
  static KafkaSourceConfig from(ComponentContext context) throws ConfigException {
    Map<String, Object> config = context.config();
    KafkaConfigCheck.INPUT.verifyForConnector(config);
    String group = config.get("group") instanceof String g
        ? g : "sluice-" + context.stream().replace('/', '-');
    return new KafkaSourceConfig(List.copyOf((List<String>) config.get("topics")),
        KafkaFormat.of(config.getOrDefault("format", "json")),
        "latest".equals(config.get("start")), group, KafkaConnection.from(config),
        Map.copyOf((Map<String, Object>) config.getOrDefault("properties", Map.of())));
  }

  /**
   * The consumer's settings: no auto-commit (Sluice stores positions), no topic creation, no
   * silent offset reset (the source handles out-of-range positions and says so), committed
   * transactions only unless the properties say otherwise.
   */
  Map<String, Object> consumerConfig(String clientId) {
    Map<String, Object> props = new HashMap<>(connection.clientConfig());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
        KafkaConnection.millis(connection.timeout()));
    props.putAll(properties);
    return props;
  }
}
