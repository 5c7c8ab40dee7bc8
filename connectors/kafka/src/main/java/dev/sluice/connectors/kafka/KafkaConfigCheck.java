package dev.sluice.connectors.kafka;

import dev.sluice.api.Problem;
import dev.sluice.api.config.ConfigCheck;
import dev.sluice.api.error.ConfigException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The kafka input's and output's rules beyond their specs: which fields need an external cluster,
 * which belong together, what {@code bootstrap}, topic names and PEM texts must look like, no
 * {@code ${...}} references anywhere, and the {@code properties} allow-list of {@link
 * ClientProperties}.
 *
 * <p>Runs at validation and again when a connector starts. Never blocks; stateless.
 */
final class KafkaConfigCheck implements ConfigCheck {

  private static final Pattern HOST_PORT =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):(\\d{1,5})");
  private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
  private static final List<String> SASL_PROTOCOLS = List.of("SASL_PLAINTEXT", "SASL_SSL");
  private static final List<String> TLS_PROTOCOLS = List.of("SSL", "SASL_SSL");

  /** The check of the kafka input. */
  static final KafkaConfigCheck INPUT = new KafkaConfigCheck(ClientProperties.Client.CONSUMER);
  /** The check of the kafka output. */
  static final KafkaConfigCheck OUTPUT = new KafkaConfigCheck(ClientProperties.Client.PRODUCER);

  private final ClientProperties.Client client;

  private KafkaConfigCheck(ClientProperties.Client client) {
    this.client = client;
  }

  /**
   * Checks the config of a connector that is starting, which must have a {@code bootstrap}.
   *
   * @throws ConfigException with every problem found
   */
  void verifyForConnector(Map<String, Object> config) throws ConfigException {
    List<Problem> problems = new ArrayList<>(check(config));
    if (config.get("bootstrap") == null) {
      problems.add(Problem.at("bootstrap", null, "the kafka " + (client
          == ClientProperties.Client.CONSUMER ? "input" : "output") + " runs as a connector only "
          + "for an external cluster, so bootstrap is required; without it, the stream reads and "
          + "writes the cluster Sluice runs on directly"));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  @Override
  public List<Problem> check(Map<String, Object> config) {
    List<Problem> problems = new ArrayList<>();
    topics(config, problems);
    Object bootstrap = config.get("bootstrap");
    if (bootstrap == null) {
      for (String field : externalOnly(config)) {
        problems.add(Problem.at(field, shown(field, config.get(field)), "'" + field + "' applies "
            + "to an external cluster only: set bootstrap to that cluster's brokers, or remove '"
            + field + "' (the cluster Sluice runs on is reached with the worker's own settings)"));
      }
    } else {
      if (!((String) bootstrap).contains("${")) {
        bootstrap((String) bootstrap, problems);
      }
      security(config, problems);
    }
    references(config, "", problems);
    if (config.get("properties") instanceof Map<?, ?> properties) {
      problems.addAll(ClientProperties.check(stringKeys(properties), client));
    }
    if (client == ClientProperties.Client.PRODUCER
        && Boolean.TRUE.equals(config.get("idempotence")) && !"all".equals(config.get("acks"))) {
      problems.add(Problem.at("acks", String.valueOf(config.get("acks")), "idempotence needs "
          + "acks: all; set idempotence: false to write with acks " + config.get("acks")));
    }
    return problems;
  }

  /** The fields that are set and mean something only for an external cluster. */
  private List<String> externalOnly(Map<String, Object> config) {
    List<String> set = new ArrayList<>();
    for (String field : List.of("group", "tls", "sasl", "timeout", "properties")) {
      if (config.get(field) != null) {
        set.add(field);
      }
    }
    if (config.get("security") != null && !"PLAINTEXT".equals(config.get("security"))) {
      set.add("security");
    }
    return set;
  }

  private static void topics(Map<String, Object> config, List<Problem> problems) {
    if (config.get("topics") instanceof List<?> topics) {
      for (int i = 0; i < topics.size(); i++) {
        topic("topics[" + i + "]", String.valueOf(topics.get(i)), problems);
      }
    }
    if (config.get("topic") instanceof String topic) {
      topic("topic", topic, problems);
    }
  }

  private static void topic(String path, String name, List<Problem> problems) {
    if (!TOPIC.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      problems.add(Problem.at(path, name, "'" + name + "' is not a Kafka topic name: use 1 to 249 "
          + "letters, digits, '.', '_' and '-'"));
    }
  }

  private static void bootstrap(String bootstrap, List<Problem> problems) {
    for (String server : bootstrap.split(",", -1)) {
      var m = HOST_PORT.matcher(server.trim());
      int port = m.matches() ? Integer.parseInt(m.group(3)) : 0;
      if (port < 1 || port > 65535) {
        problems.add(Problem.at("bootstrap", bootstrap, "'" + server.trim() + "' is not a broker "
            + "address: write host:port, several separated by commas (for example "
            + "broker-1:9092,broker-2:9092)"));
        return;
      }
    }
  }

  private static void security(Map<String, Object> config, List<Problem> problems) {
    String security = (String) config.getOrDefault("security", "PLAINTEXT");
    boolean sasl = config.get("sasl") != null;
    if (SASL_PROTOCOLS.contains(security) && !sasl) {
      problems.add(Problem.at("sasl", null, "security " + security + " needs sasl: {mechanism, "
          + "username, password}"));
    }
    if (sasl && !SASL_PROTOCOLS.contains(security)) {
      problems.add(Problem.at("security", security, "sasl needs security SASL_SSL (or "
          + "SASL_PLAINTEXT on a trusted network); with " + security + " the credentials would "
          + "not be used"));
    }
    if (config.get("tls") instanceof Map<?, ?> tls) {
      if (!TLS_PROTOCOLS.contains(security)) {
        problems.add(Problem.at("tls", null, "tls applies with security SSL or SASL_SSL, not "
            + security + "; set security, or remove tls"));
      }
      tls(tls, problems);
    }
  }

  private static void tls(Map<?, ?> tls, List<Problem> problems) {
    certificates("tls.ca", tls.get("ca"), problems);
    certificates("tls.cert", tls.get("cert"), problems);
    Object key = tls.get("key");
    if ((tls.get("cert") == null) != (key == null)) {
      problems.add(Problem.at(key == null ? "tls.key" : "tls.cert", null, "a client certificate "
          + "needs both tls.cert and tls.key; give both, or neither"));
    }
    if (key instanceof String pem) {
      String fix = "; convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem";
      if (pem.contains("ENCRYPTED PRIVATE KEY")) {
        problems.add(Problem.at("tls.key", null, "the key is encrypted; give it unencrypted "
            + "(it is stored as a secret)" + fix));
      } else if (pem.contains("RSA PRIVATE KEY") || pem.contains("EC PRIVATE KEY")) {
        problems.add(Problem.at("tls.key", null, "the key is in the old PKCS#1/SEC1 form; Kafka "
            + "reads PKCS#8 (BEGIN PRIVATE KEY)" + fix));
      } else if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
        problems.add(Problem.at("tls.key", null, "not a PEM private key: expected a block "
            + "starting with -----BEGIN PRIVATE KEY-----"));
      }
    }
  }

  private static void certificates(String path, Object pem, List<Problem> problems) {
    if (!(pem instanceof String text)) {
      return;
    }
    try {
      var certificates = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
      if (certificates.isEmpty()) {
        throw new CertificateException("no certificate found");
      }
    } catch (CertificateException e) {
      problems.add(Problem.at(path, shorten(text), "not PEM certificates (" + e.getMessage()
          + "): expected blocks starting with -----BEGIN CERTIFICATE-----"));
    }
  }

  /**
   * Refuses {@code ${...}} in every text field that reaches a client, nested ones included;
   * {@code properties} have their own check, and expressions never reach a client.
   */
  private static void references(Map<?, ?> config, String prefix, List<Problem> problems) {
    config.forEach((key, value) -> {
      String path = prefix + key;
      if (List.of("properties", "key", "headers").contains(path)) {
        return;
      }
      if (value instanceof Map<?, ?> nested) {
        references(nested, path + ".", problems);
      } else if (value instanceof String text && text.contains("${")) {
        problems.add(Problem.at(path, shown(path, text), ClientProperties.reference(path)));
      }
    });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  /** The value for a problem, never a secret one. */
  private static String shown(String path, Object value) {
    if (value == null || path.endsWith("password") || path.endsWith("key") || path.equals("sasl")
        || path.equals("tls")) {
      return null;
    }
    return shorten(String.valueOf(value));
  }

  private static String shorten(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
