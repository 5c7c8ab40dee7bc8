package dev.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConfigCheckTest {

  private static final String BROKERS = "broker-1.example.com:9093,10.0.0.7:9093,[::1]:9093";

  @Test
  void theSystemClusterTakesNoConnectionSettings() {
    List<Problem> problems = KafkaConfigCheck.INPUT.check(Map.of("topics", List.of("orders"),
        "security", "SASL_SSL", "group", "g", "timeout", "5s", "properties", Map.of(),
        "tls", Map.of("verifyHostname", true),
        "sasl", Map.of("mechanism", "PLAIN", "username", "u", "password", "secret")));
    assertThat(problems).extracting(Problem::path)
        .containsExactlyInAnyOrder("security", "group", "timeout", "properties", "tls", "sasl");
    assertThat(problems).allSatisfy(p -> assertThat(p.message())
        .contains("applies to an external cluster only: set bootstrap"));
    assertThat(problems).filteredOn(p -> p.path().equals("sasl")).singleElement()
        .satisfies(p -> assertThat(p.value()).as("credentials are not repeated").isNull());
  }

  @Test
  void theSystemClusterWithDefaultsIsFine() {
    assertThat(KafkaConfigCheck.OUTPUT.check(Map.of("topic", "orders", "format", "json",
        "security", "PLAINTEXT", "acks", "all", "idempotence", true))).isEmpty();
  }

  @Test
  void brokerAddressesMustBeHostAndPort() {
    assertThat(KafkaConfigCheck.INPUT.check(Map.of("bootstrap", BROKERS))).isEmpty();
    for (String bad : List.of("broker-1", "broker-1:0", "broker-1:70000", "a:9092,", "http://b:9092",
        "b:9092;c:9092")) {
      assertThat(KafkaConfigCheck.INPUT.check(Map.of("bootstrap", bad))).as(bad)
          .singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("bootstrap");
            assertThat(p.message()).contains("write host:port");
          });
    }
  }

  @Test
  void securityAndItsSettingsGoTogether() {
    Map<String, Object> sasl = Map.of("mechanism", "PLAIN", "username", "u", "password", "p");
    assertThat(paths(Map.of("bootstrap", BROKERS, "security", "SASL_SSL"))).containsExactly("sasl");
    assertThat(paths(Map.of("bootstrap", BROKERS, "sasl", sasl))).containsExactly("security");
    assertThat(paths(Map.of("bootstrap", BROKERS, "security", "SASL_PLAINTEXT", "sasl", sasl,
        "tls", Map.of("verifyHostname", true)))).containsExactly("tls");
    assertThat(paths(Map.of("bootstrap", BROKERS, "security", "SASL_SSL", "sasl", sasl,
        "tls", Map.of("verifyHostname", false)))).isEmpty();
  }

  @Test
  void tlsTextsMustBePemOfTheRightKind() {
    assertThat(paths(tls(Map.of("ca", "not a certificate")))).containsExactly("tls.ca");
    assertThat(paths(tls(Map.of("cert", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        "key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))))
        .containsExactly("tls.cert");
    assertThat(problems(tls(Map.of("key", "-----BEGIN RSA PRIVATE KEY-----\n...")))).extracting(
        Problem::path, Problem::value).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("tls.cert", null),
            org.assertj.core.groups.Tuple.tuple("tls.key", null));
    assertThat(problems(tls(Map.of("key", "-----BEGIN ENCRYPTED PRIVATE KEY-----\n..."))))
        .filteredOn(p -> p.path().equals("tls.key")).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("openssl pkcs8 -topk8 -nocrypt"));
  }

  @Test
  void idempotenceNeedsAllAcks() {
    assertThat(KafkaConfigCheck.OUTPUT.check(Map.of("topic", "t", "acks", "1", "idempotence", true)))
        .extracting(Problem::path).containsExactly("acks");
    assertThat(KafkaConfigCheck.OUTPUT.check(Map.of("topic", "t", "acks", "1", "idempotence", false)))
        .isEmpty();
  }

  @Test
  void topicNamesAreKafkas() {
    assertThat(KafkaConfigCheck.INPUT.check(Map.of("topics", List.of("ok.topic_1-a", "bad topic",
        "..")))).extracting(Problem::path).containsExactly("topics[1]", "topics[2]");
    assertThat(KafkaConfigCheck.OUTPUT.check(Map.of("topic", "x".repeat(250))))
        .extracting(Problem::path).containsExactly("topic");
  }

  @Test
  void expressionsMayHoldWhatLooksLikeAReference() {
    assertThat(KafkaConfigCheck.OUTPUT.check(Map.of("topic", "t", "key", "\"${\" & id",
        "headers", Map.of("h", "\"${x}\"")))).isEmpty();
  }

  private static Map<String, Object> tls(Map<String, Object> tls) {
    return Map.of("bootstrap", BROKERS, "security", "SSL", "tls", tls);
  }

  private static List<Problem> problems(Map<String, Object> config) {
    return KafkaConfigCheck.INPUT.check(config);
  }

  private static List<String> paths(Map<String, Object> config) {
    return problems(config).stream().map(Problem::path).toList();
  }
}
