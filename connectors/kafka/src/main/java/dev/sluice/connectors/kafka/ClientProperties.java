package dev.sluice.connectors.kafka;

import dev.sluice.api.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code properties} field: Kafka client settings passed on as they are, limited to tuning.
 *
 * <p>Why not any property: a Kafka client config can load classes ({@code *.class}, {@code
 * interceptor.classes}, {@code metric.reporters}), name JAAS login modules ({@code
 * sasl.jaas.config}, which reaches JNDI and LDAP), read files and environment variables through
 * config providers ({@code config.providers} and {@code ${provider:path:key}} references) and
 * call URLs ({@code sasl.oauthbearer.*.url}). Whoever may save a stream would run code or read
 * secrets on the workers. So only an allow-list of tuning keys passes; everything the typed fields
 * cover must be set there; and the refusals people will meet most say exactly why and what to
 * write instead.
 *
 * <p>Stateless; thread-safe.
 */
final class ClientProperties {

  /** Which client a {@code properties} map configures. */
  enum Client {
    /** The kafka input's consumer. */
    CONSUMER(Set.of("fetch.min.bytes", "fetch.max.bytes", "fetch.max.wait.ms",
        "max.partition.fetch.bytes", "max.poll.records", "isolation.level", "check.crcs",
        "client.rack")),
    /** The kafka output's producer. */
    PRODUCER(Set.of("buffer.memory", "max.request.size", "max.in.flight.requests.per.connection",
        "retries", "compression.gzip.level", "compression.lz4.level", "compression.zstd.level",
        "partitioner.adaptive.partitioning.enable", "partitioner.availability.timeout.ms",
        "partitioner.ignore.keys", "metadata.max.idle.ms"));

    /** Connection tuning both clients share. */
    private static final Set<String> COMMON = Set.of("receive.buffer.bytes", "send.buffer.bytes",
        "connections.max.idle.ms", "reconnect.backoff.ms", "reconnect.backoff.max.ms",
        "retry.backoff.ms", "retry.backoff.max.ms", "metadata.max.age.ms", "client.dns.lookup",
        "socket.connection.setup.timeout.ms", "socket.connection.setup.timeout.max.ms",
        "metadata.recovery.strategy", "metadata.recovery.rebootstrap.trigger.ms");

    private final Set<String> own;

    Client(Set<String> own) {
      this.own = own;
    }

    /** Every key this client's {@code properties} may set, sorted. */
    Set<String> allowed() {
      Set<String> all = new TreeSet<>(own);
      all.addAll(COMMON);
      return all;
    }
  }

  /** Keys a typed field sets, with that field. */
  private static final Map<String, String> TYPED = Map.ofEntries(
      Map.entry("bootstrap.servers", "bootstrap"),
      Map.entry("security.protocol", "security"),
      Map.entry("sasl.mechanism", "sasl.mechanism"),
      Map.entry("group.id", "group"),
      Map.entry("auto.offset.reset", "start"),
      Map.entry("enable.auto.commit", "(nothing: Sluice stores positions itself)"),
      Map.entry("acks", "acks"),
      Map.entry("enable.idempotence", "idempotence"),
      Map.entry("compression.type", "compression"),
      Map.entry("batch.size", "batch.bytes"),
      Map.entry("linger.ms", "batch.linger"),
      Map.entry("request.timeout.ms", "timeout"),
      Map.entry("default.api.timeout.ms", "timeout"),
      Map.entry("max.block.ms", "timeout"),
      Map.entry("delivery.timeout.ms", "timeout"),
      Map.entry("client.id", "(nothing: Sluice names each client after its stream)"));

  private ClientProperties() {}

  /** Every problem of {@code properties} for {@code client}; paths are {@code properties.<key>}. */
  static List<Problem> check(Map<String, Object> properties, Client client) {
    List<Problem> problems = new ArrayList<>();
    properties.forEach((key, value) -> {
      String refusal = refusal(key, client);
      if (refusal != null) {
        problems.add(Problem.at("properties." + key, key, refusal));
      } else if (value instanceof String text && text.contains("${")) {
        problems.add(Problem.at("properties." + key, text, reference(key)));
      }
    });
    return problems;
  }

  /** Why {@code key} may not be set, or {@code null} when it may. */
  static String refusal(String key, Client client) {
    String k = key.trim().toLowerCase(Locale.ROOT);
    if (k.equals("sasl.jaas.config") || k.endsWith(".jaas.config")) {
      return "'" + key + "' would let a stream name any JAAS login module (JNDI and LDAP ones "
          + "run remote code); use the typed sasl fields (mechanism, username, password), from "
          + "which Sluice writes the JAAS line itself";
    }
    if (k.contains("login.module") || k.contains("callback.handler") || k.startsWith("sasl.login.")
        || k.startsWith("sasl.oauthbearer.") || k.startsWith("sasl.kerberos.")) {
      return "'" + key + "' configures SASL login code, callbacks or remote endpoints, which "
          + "Sluice does not let streams set; use the typed sasl fields (mechanism PLAIN, "
          + "SCRAM-SHA-256 or SCRAM-SHA-512 with username and password)";
    }
    if (k.equals("config.providers") || k.startsWith("config.providers.")) {
      return "'" + key + "' would let a stream read files, directories or environment variables "
          + "of the worker; give values directly in the typed fields (secrets as secret "
          + "references)";
    }
    if (k.endsWith(".class") || k.endsWith(".classes") || k.equals("metric.reporters")
        || k.equals("interceptor.classes") || k.endsWith("serializer")
        || k.equals("security.providers")) {
      return "'" + key + "' would load a class chosen by the stream into the worker; Sluice "
          + "does not pass class names to Kafka clients";
    }
    if (k.startsWith("ssl.")) {
      return "'" + key + "' is not passed on: TLS is configured with the typed tls fields (ca, "
          + "cert, key, verifyHostname) and security: SSL or SASL_SSL";
    }
    if (TYPED.containsKey(k)) {
      return "'" + key + "' is set by Sluice from the field " + TYPED.get(k) + "; set that "
          + "instead";
    }
    if (!client.allowed().contains(key)) {
      return "'" + key + "' is not among the client properties Sluice passes on to the "
          + client.name().toLowerCase(Locale.ROOT) + "; allowed: "
          + String.join(", ", client.allowed());
    }
    return null;
  }

  /** Why a value with a {@code ${...}} reference is refused. */
  static String reference(String field) {
    return "'" + field + "' holds a ${...} reference; Sluice never resolves config provider "
        + "references such as ${file:...} or ${env:...} (they would read the worker's files and "
        + "environment); write the value itself";
  }
}
