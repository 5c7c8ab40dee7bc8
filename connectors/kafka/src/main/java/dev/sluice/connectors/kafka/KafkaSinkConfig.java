package dev.sluice.connectors.kafka;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.config.Durations;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.expression.Expression;
import dev.sluice.api.expression.ExpressionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The kafka output's configuration for an external cluster, parsed once at start.
 *
 * @param topic the topic to write
 * @param format how values are encoded
 * @param key the key expression, or {@code null} to keep each record's key
 * @param headers header name to expression, in the order written
 * @param compression Kafka's compression type
 * @param acks Kafka's acks
 * @param idempotence whether the producer is idempotent
 * @param batchBytes Kafka's batch.size
 * @param linger Kafka's linger
 * @param connection how to reach the cluster
 * @param properties allowed producer tuning
 */
record KafkaSinkConfig(
    String topic,
    KafkaFormat format,
    Expression key,
    Map<String, Expression> headers,
    String compression,
    String acks,
    boolean idempotence,
    int batchBytes,
    Duration linger,
    KafkaConnection connection,
    Map<String, Object> properties) {

  /**
   * Reads, checks and compiles the config of {@code context}.
   *
   * @throws ConfigException with every problem, {@code bootstrap} missing included
   */
  @SuppressWarnings("unchecked")
  static KafkaSinkConfig from(ComponentContext context) throws ConfigException {
    Map<String, Object> config = context.config();
    KafkaConfigCheck.OUTPUT.verifyForConnector(config);
    List<Problem> problems = new ArrayList<>();
    Expression key = config.get("key") instanceof String source
        ? compile(context, "key", source, problems) : null;
    Map<String, Expression> headers = new LinkedHashMap<>();
    ((Map<String, Object>) config.getOrDefault("headers", Map.of())).forEach((name, source) ->
        headers.put(name, compile(context, "headers." + name, (String) source, problems)));
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    Map<?, ?> batch = (Map<?, ?>) config.getOrDefault("batch", Map.of());
    Object bytes = batch.get("bytes") == null ? batchDefault("bytes") : batch.get("bytes");
    Object linger = batch.get("linger") == null ? batchDefault("linger") : batch.get("linger");
    return new KafkaSinkConfig((String) config.get("topic"),
        KafkaFormat.of(config.getOrDefault("format", "json")), key, headers,
        (String) config.getOrDefault("compression", "none"),
        (String) config.getOrDefault("acks", "all"),
        !Boolean.FALSE.equals(config.get("idempotence")),
        ((Number) bytes).intValue(), Durations.parse((String) linger).orElseThrow(),
        KafkaConnection.from(config),
        Map.copyOf((Map<String, Object>) config.getOrDefault("properties", Map.of())));
  }

  /**
   * The producer's settings. Waiting for metadata is bounded by the timeout, so a write to an
   * unreachable cluster fails retriably instead of hanging; a send may take the timeout plus the
   * linger, which Kafka requires to be at least the linger plus one request.
   */
  Map<String, Object> producerConfig(String clientId) {
    Map<String, Object> props = new HashMap<>(connection.clientConfig());
    int timeout = KafkaConnection.millis(connection.timeout());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.ACKS_CONFIG, acks);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotence);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, batchBytes);
    props.put(ProducerConfig.LINGER_MS_CONFIG, KafkaConnection.millis(linger));
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        KafkaConnection.millis(connection.timeout().plus(linger)));
    props.putAll(properties);
    return props;
  }

  /** The spec's default of a field of {@code batch}, for an output that leaves it out. */
  private static Object batchDefault(String field) {
    return KafkaOutputProvider.SPEC.field("batch").orElseThrow().nested().field(field)
        .orElseThrow().defaultValue();
  }

  private static Expression compile(ComponentContext context, String path, String source,
      List<Problem> problems) {
    try {
      return context.expressions().compile(source);
    } catch (ExpressionException e) {
      problems.add(Problem.at(path, source, e.getMessage()));
      return null;
    }
  }
}
