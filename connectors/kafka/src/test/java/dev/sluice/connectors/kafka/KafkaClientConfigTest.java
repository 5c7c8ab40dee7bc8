package dev.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.api.component.SourceRecord;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.record.Record;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client settings Sluice builds from the typed fields are ones Kafka's own clients accept:
 * real consumers and producers are created (nothing connects) with TLS from PEM texts made by
 * openssl, and with SASL from the JAAS line Sluice writes.
 */
class KafkaClientConfigTest {

  private static String cert;
  private static String key;

  @BeforeAll
  static void makeCertificate(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "needs openssl");
    Process openssl = new ProcessBuilder("/usr/bin/openssl", "req", "-x509", "-newkey", "ec",
        "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=broker",
        "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString())
        .redirectErrorStream(true).start();
    openssl.getInputStream().readAllBytes();
    assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(openssl.exitValue()).isZero();
    cert = Files.readString(dir.resolve("cert.pem"));
    key = Files.readString(dir.resolve("key.pem"));
  }

  @Test
  void tlsWithCaAndClientCertificateAndSaslMakeAClientKafkaAccepts() {
    Map<String, Object> config = Map.of("topics", List.of("t"), "bootstrap", "localhost:9093",
        "security", "SASL_SSL",
        "tls", Map.of("ca", cert, "cert", cert, "key", key, "verifyHostname", true),
        "sasl", Map.of("mechanism", "SCRAM-SHA-256", "username", "u\"1", "password", "p\\w"));
    assertThat(KafkaConfigCheck.INPUT.check(config)).isEmpty();

    KafkaSourceConfig parsed = sourceConfig(config);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(parsed.consumerConfig("c"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      assertThat(consumer.assignment()).isEmpty();
    }
  }

  @Test
  void aKeyKafkaCannotReadIsAConfigErrorAtStart() throws Exception {
    String broken = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
    Map<String, Object> config = Map.of("topics", List.of("t"), "format", "json",
        "start", "earliest", "bootstrap", "localhost:9093", "security", "SSL",
        "tls", Map.of("cert", cert, "key", broken, "verifyHostname", true));
    KafkaSource source = new KafkaSource();
    try {
      assertThatThrownBy(() -> source.start(new TestContext(0, 1, config, Optional.empty())))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("the Kafka client cannot be created with these settings");
    } finally {
      source.close();
    }
  }

  @Test
  void aPositionNotWrittenByTheInputIsAConfigError() {
    Map<String, Object> config = Map.of("topics", List.of("t"), "format", "json",
        "start", "earliest", "bootstrap", "localhost:9093", "security", "PLAINTEXT");
    KafkaSource source = new KafkaSource();
    try {
      assertThatThrownBy(() -> source.start(new TestContext(0, 1, config,
          Optional.of(Map.of("seq", 4L))))).isInstanceOf(ConfigException.class)
          .hasMessageContaining("reset the stream's stored positions");
    } finally {
      source.close();
    }
  }

  @Test
  void withoutBootstrapTheConnectorRefusesToStart() {
    KafkaSink sink = new KafkaSink();
    try {
      assertThatThrownBy(() -> sink.start(new TestContext(0, 1, Map.of("topic", "t"),
          Optional.empty()))).isInstanceOf(ConfigException.class)
          .hasMessageContaining("bootstrap: the kafka output runs as a connector only for an "
              + "external cluster");
    } finally {
      sink.close();
    }
  }

  @Test
  void positionsRoundTrip() throws Exception {
    var next = new LinkedHashMap<TopicPartition, Long>();
    next.put(new TopicPartition("a.b-c", 0), 5L);
    next.put(new TopicPartition("a.b-c", 12), 0L);
    assertThat(SourcePosition.read(SourcePosition.of(next))).isEqualTo(next);
    assertThat(new SourceRecord(Record.of(1, 0L), SourcePosition.of(next))
        .position()).isEqualTo(Map.of("offsets", Map.of("a.b-c/0", 5L, "a.b-c/12", 0L)));
  }

  private static KafkaSourceConfig sourceConfig(Map<String, Object> config) {
    try {
      return KafkaSourceConfig.from(new TestContext(0, 1, config, Optional.empty()));
    } catch (ConfigException e) {
      throw new AssertionError(e.problems().toString(), e);
    }
  }
}
