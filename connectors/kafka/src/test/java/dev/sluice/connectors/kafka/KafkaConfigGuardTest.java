package dev.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.security.JaasUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What keeps a stream from running code or reading secrets on a worker through its Kafka config:
 * refused client properties and references, JAAS lines built only from typed fields, and Kafka's
 * login-module guard.
 */
class KafkaConfigGuardTest {

  private static final String BROKERS = "broker-1:9093";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "sasl.jaas.config                          | use the typed sasl fields",
      "listener.name.client.plain.sasl.jaas.config | use the typed sasl fields",
      "sasl.login.callback.handler.class         | use the typed sasl fields",
      "sasl.client.callback.handler.class        | use the typed sasl fields",
      "sasl.login.class                          | use the typed sasl fields",
      "sasl.oauthbearer.token.endpoint.url       | use the typed sasl fields",
      "config.providers                          | read files, directories or environment",
      "config.providers.file.class               | read files, directories or environment",
      "interceptor.classes                       | would load a class",
      "metric.reporters                          | would load a class",
      "ssl.engine.factory.class                  | would load a class",
      "partitioner.class                         | would load a class",
      "key.deserializer                          | would load a class",
      "security.providers                        | would load a class",
      "ssl.truststore.location                   | typed tls fields",
      "bootstrap.servers                         | from the field bootstrap",
      "group.id                                  | from the field group",
      "enable.auto.commit                        | Sluice stores positions itself",
      "request.timeout.ms                        | from the field timeout",
      "socket.factory                            | not among the client properties",
      "Max.Poll.Records                          | not among the client properties"})
  void aRefusedPropertyIsNamedWithItsFix(String key, String fix) {
    List<Problem> problems = check(Map.of("bootstrap", BROKERS,
        "properties", Map.of(key, "x")), KafkaConfigCheck.INPUT);
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("properties." + key);
      assertThat(p.message()).contains("'" + key + "'").contains(fix);
    });
  }

  @Test
  void tuningPropertiesFromTheAllowListPass() {
    assertThat(check(Map.of("bootstrap", BROKERS, "properties",
        Map.of("max.poll.records", "1000", "fetch.min.bytes", "1", "client.rack", "eu-1a")),
        KafkaConfigCheck.INPUT)).isEmpty();
    assertThat(check(Map.of("bootstrap", BROKERS, "properties",
        Map.of("max.request.size", "4194304", "compression.zstd.level", "3")),
        KafkaConfigCheck.OUTPUT)).isEmpty();
    assertThat(check(Map.of("bootstrap", BROKERS, "properties", Map.of("max.poll.records", "1")),
        KafkaConfigCheck.OUTPUT)).as("a consumer setting on the producer")
        .extracting(Problem::path).containsExactly("properties.max.poll.records");
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
      "properties.max.poll.records | ${file:/etc/sluice/secrets.properties:records}",
      "sasl.username               | ${env:KAFKA_USER}",
      "sasl.password               | ${file:/etc/passwd:root}",
      "group                       | ${sys:user.name}",
      "bootstrap                   | ${env:BROKERS}"})
  void aReferenceIsRefusedWherever(String path, String value) {
    Map<String, Object> config = new LinkedHashMap<>(Map.of("bootstrap", BROKERS,
        "security", "SASL_SSL",
        "sasl", new LinkedHashMap<>(Map.of("mechanism", "PLAIN", "username", "u", "password", "p"))));
    set(config, path, value);
    assertThat(check(config, KafkaConfigCheck.INPUT)).filteredOn(p -> p.path().equals(path))
        .singleElement().satisfies(p -> {
          assertThat(p.message()).contains("${...} reference")
              .contains("never resolves config provider references");
          if (path.endsWith("password")) {
            assertThat(p.value()).as("a secret is not repeated").isNull();
          }
        });
  }

  @Test
  void theJaasLineFromTypedFieldsEscapesEverythingThatCouldEndItsQuotes() {
    String username = "al\"ice\\";
    String password = "p\" required; com.sun.security.auth.module.JndiLoginModule required "
        + "x=\"y\n\r\t\u0001end";
    String line = SaslMechanism.PLAIN.jaasConfig(username, password);

    JaasContext context = JaasContext.loadClientContext(
        Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(line)));

    assertThat(context.configurationEntries()).singleElement().satisfies(entry -> {
      assertThat(entry.getLoginModuleName())
          .isEqualTo("org.apache.kafka.common.security.plain.PlainLoginModule");
      assertThat(entry.getControlFlag())
          .isEqualTo(AppConfigurationEntry.LoginModuleControlFlag.REQUIRED);
      assertThat(Map.copyOf(entry.getOptions()))
          .isEqualTo(Map.of("username", username, "password", password));
    });
  }

  @Test
  void scramUsesTheScramLoginModule() {
    String line = SaslMechanism.of("SCRAM-SHA-512").jaasConfig("u", "p");
    assertThat(line).isEqualTo(
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" "
            + "password=\"p\";");
  }

  @Test
  void theGuardAllowsOnlyKafkasClientLoginModules() {
    String before = System.getProperty(JaasUtils.ALLOWED_LOGIN_MODULES_CONFIG);
    try {
      System.clearProperty(JaasUtils.ALLOWED_LOGIN_MODULES_CONFIG);
      String unix = "com.sun.security.auth.module.UnixLoginModule required;";
      assertThat(load(unix).configurationEntries()).as("Kafka's default deny-list lets it pass")
          .hasSize(1);

      LoginModuleGuard.install();

      assertThat(System.getProperty(JaasUtils.ALLOWED_LOGIN_MODULES_CONFIG))
          .isEqualTo(String.join(",", LoginModuleGuard.ALLOWED));
      assertThatThrownBy(() -> load(unix)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("UnixLoginModule");
      assertThatThrownBy(() -> load("com.sun.security.auth.module.JndiLoginModule required;"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> load("com.sun.security.auth.module.LdapLoginModule required;"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(load(SaslMechanism.SCRAM_SHA_256.jaasConfig("u", "p")).configurationEntries())
          .hasSize(1);
    } finally {
      restore(before);
    }
  }

  @Test
  void theGuardKeepsAnOperatorsAllowListButTakesJndiAndLdapOut() {
    String before = System.getProperty(JaasUtils.ALLOWED_LOGIN_MODULES_CONFIG);
    try {
      System.setProperty(JaasUtils.ALLOWED_LOGIN_MODULES_CONFIG, "com.example.OwnLoginModule, "
          + "com.sun.security.auth.module.JndiLoginModule,com.sun.security.auth.module.LdapLoginModule");

      LoginModuleGuard.install();

      assertThat(System.getProperty(JaasUtils.ALLOWED_LOGIN_MODULES_CONFIG))
          .isEqualTo("com.example.OwnLoginModule");
    } finally {
      restore(before);
    }
  }

  private static JaasContext load(String jaasLine) {
    return JaasContext.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(jaasLine)));
  }

  private static void restore(String value) {
    if (value == null) {
      System.clearProperty(JaasUtils.ALLOWED_LOGIN_MODULES_CONFIG);
    } else {
      System.setProperty(JaasUtils.ALLOWED_LOGIN_MODULES_CONFIG, value);
    }
  }

  private static List<Problem> check(Map<String, Object> config, KafkaConfigCheck check) {
    return check.check(config);
  }

  @SuppressWarnings("unchecked")
  private static void set(Map<String, Object> config, String path, String value) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      config.put(path, value);
      return;
    }
    String head = path.substring(0, dot);
    Map<String, Object> nested = (Map<String, Object>) config.computeIfAbsent(head,
        k -> new LinkedHashMap<String, Object>());
    nested.put(path.substring(dot + 1), value);
  }
}
