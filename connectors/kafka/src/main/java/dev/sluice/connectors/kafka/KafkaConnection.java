package dev.sluice.connectors.kafka;

import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;
import dev.sluice.api.config.Durations;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.types.Password;

/**
 * How to reach an external Kafka cluster: the typed {@code bootstrap}, {@code security}, {@code
 * tls}, {@code sasl} and {@code timeout} fields the input and output share, parsed once.
 *
 * @param bootstrap the {@code host:port} list
 * @param security Kafka's security protocol, such as {@code SASL_SSL}
 * @param tls the TLS settings, or {@code null} for the JVM's trust store and no client certificate
 * @param sasl the SASL credentials, or {@code null} without SASL
 * @param timeout how long one request to the cluster may take before it counts as failed
 */
record KafkaConnection(String bootstrap, String security, Tls tls, Sasl sasl, Duration timeout) {

  /** The timeout when none is given. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /**
   * TLS settings.
   *
   * @param ca PEM certificates to trust, or {@code null} for the JVM's trust store
   * @param cert the client's PEM certificate chain, or {@code null}
   * @param key the client's PEM private key (PKCS#8), or {@code null}
   * @param verifyHostname whether the broker's certificate must name the host connected to
   */
  record Tls(String ca, String cert, String key, boolean verifyHostname) {

    /** Never shows the key. */
    @Override
    public String toString() {
      return "Tls[ca=" + (ca != null) + ", cert=" + (cert != null) + ", verifyHostname="
          + verifyHostname + "]";
    }
  }

  /** SASL credentials for one of the offered mechanisms. */
  record Sasl(SaslMechanism mechanism, String username, String password) {

    /** Never shows the password. */
    @Override
    public String toString() {
      return "Sasl[" + mechanism.word() + ", username=" + username + "]";
    }
  }

  /** The connection fields, in the order docs show them. */
  static List<ConfigField> fields() {
    return List.of(
        ConfigField.builder("bootstrap", ConfigType.STRING)
            .doc("Brokers of an external cluster, as host:port[,host:port...]. Unset: the "
                + "cluster Sluice runs on.")
            .examples("broker-1.example.com:9093,broker-2.example.com:9093")
            .build(),
        ConfigField.builder("security", ConfigType.ENUM)
            .choices("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
            .defaultValue("PLAINTEXT")
            .doc("How to talk to the external cluster: in the clear, over TLS, with SASL, or "
                + "with SASL over TLS.")
            .build(),
        ConfigField.builder("tls", ConfigType.OBJECT)
            .nested(ConfigSpec.builder()
                .field(ConfigField.builder("ca", ConfigType.STRING)
                    .doc("PEM certificates of the authorities to trust; unset: the JVM's "
                        + "trust store.")
                    .examples("-----BEGIN CERTIFICATE-----\n..."))
                .field(ConfigField.builder("cert", ConfigType.STRING)
                    .doc("The client's PEM certificate chain, for clusters that ask for one; "
                        + "needs key."))
                .field(ConfigField.builder("key", ConfigType.STRING)
                    .secret()
                    .doc("The client's private key, unencrypted PKCS#8 PEM (BEGIN PRIVATE KEY); "
                        + "needs cert."))
                .field(ConfigField.builder("verifyHostname", ConfigType.BOOLEAN)
                    .defaultValue(true)
                    .doc("Whether the broker's certificate must name the host Sluice connects "
                        + "to."))
                .build())
            .doc("TLS settings, with security SSL or SASL_SSL.")
            .build(),
        ConfigField.builder("sasl", ConfigType.OBJECT)
            .nested(ConfigSpec.builder()
                .field(ConfigField.builder("mechanism", ConfigType.ENUM)
                    .choices(SaslMechanism.words())
                    .required()
                    .doc("The SASL mechanism."))
                .field(ConfigField.builder("username", ConfigType.STRING)
                    .required()
                    .doc("The user to log in as."))
                .field(ConfigField.builder("password", ConfigType.STRING)
                    .required()
                    .secret()
                    .doc("The user's password."))
                .build())
            .doc("SASL credentials, with security SASL_PLAINTEXT or SASL_SSL.")
            .build(),
        ConfigField.builder("timeout", ConfigType.DURATION)
            .advanced()
            .doc("How long a request to the external cluster (metadata, a send, a commit) may "
                + "take before it fails and is retried; default 30s.")
            .examples("10s")
            .build());
  }

  /** The connection a validated config describes; its {@code bootstrap} must be set. */
  @SuppressWarnings("unchecked")
  static KafkaConnection from(Map<String, Object> config) {
    Tls tls = null;
    if (config.get("tls") instanceof Map<?, ?> t) {
      Map<String, Object> m = (Map<String, Object>) t;
      tls = new Tls((String) m.get("ca"), (String) m.get("cert"), (String) m.get("key"),
          !Boolean.FALSE.equals(m.get("verifyHostname")));
    }
    Sasl sasl = null;
    if (config.get("sasl") instanceof Map<?, ?> s) {
      Map<String, Object> m = (Map<String, Object>) s;
      sasl = new Sasl(SaslMechanism.of((String) m.get("mechanism")), (String) m.get("username"),
          (String) m.get("password"));
    }
    Duration timeout = config.get("timeout") instanceof String text
        ? Durations.parse(text).orElse(DEFAULT_TIMEOUT) : DEFAULT_TIMEOUT;
    return new KafkaConnection((String) config.get("bootstrap"),
        (String) config.getOrDefault("security", "PLAINTEXT"), tls, sasl, timeout);
  }

  /** The client settings for this connection, common to consumers and producers. */
  Map<String, Object> clientConfig() {
    Map<String, Object> props = new HashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, security);
    props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, millis(timeout));
    if (tls != null) {
      props.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG,
          tls.verifyHostname() ? "https" : "");
      if (tls.ca() != null) {
        props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
        props.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, new Password(tls.ca()));
      }
      if (tls.cert() != null) {
        props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
        props.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, new Password(tls.cert()));
        props.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, new Password(tls.key()));
      }
    }
    if (sasl != null) {
      props.put(SaslConfigs.SASL_MECHANISM, sasl.mechanism().word());
      props.put(SaslConfigs.SASL_JAAS_CONFIG,
          new Password(sasl.mechanism().jaasConfig(sasl.username(), sasl.password())));
    }
    return props;
  }

  /** A duration as Kafka's int milliseconds. */
  static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
  }
}
