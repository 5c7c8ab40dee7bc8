package dev.sluice.processors.registry;

import dev.sluice.api.Problem;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigType;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How both processors reach the registry and where the schema id travels: the config fields they
 * share, parsed once into this record, and the Apicurio serde properties they become.
 *
 * @param url the registry's core API v3, ending in {@value #API_PATH}
 * @param idLocation where the schema id is: in front of the payload or in record headers
 * @param username basic-auth user, or {@code null}
 * @param password basic-auth password, or {@code null}
 */
record RegistryConnection(String url, IdLocation idLocation, String username, String password) {

  static final String URL = "url";
  static final String ID_LOCATION = "idLocation";
  static final String USERNAME = "username";
  static final String PASSWORD = "password";

  /** The path of Apicurio Registry 3's core API, which the serdes talk to. */
  static final String API_PATH = "/apis/registry/v3";

  /** Where the schema id of an encoded value travels. */
  enum IdLocation {
    /** A magic byte 0 and the 4-byte content id in front of the encoded bytes (Confluent-style). */
    PAYLOAD,
    /** Kafka headers {@code apicurio.value.*}; the value is the bare encoded bytes. */
    HEADERS;

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The registry's URL, the first field of both processors. */
  static ConfigField urlField() {
    return ConfigField.builder(URL, ConfigType.STRING)
        .required()
        .doc("The registry's core API v3: Apicurio Registry's base URL followed by "
            + API_PATH + ".")
        .examples("http://localhost:8080" + API_PATH)
        .build();
  }

  /** The fields after each processor's own: where the id travels, and credentials. */
  static List<ConfigField> transportFields() {
    return List.of(
        ConfigField.builder(ID_LOCATION, ConfigType.ENUM)
            .choices(IdLocation.PAYLOAD.word(), IdLocation.HEADERS.word())
            .defaultValue(IdLocation.PAYLOAD.word())
            .doc("Where the schema id travels: 'payload' puts a magic byte and the 4-byte content "
                + "id in front of the encoded bytes (what Apicurio's and Confluent's serdes write by "
                + "default), 'headers' puts it in the record's apicurio.value.* headers.")
            .build(),
        ConfigField.builder(USERNAME, ConfigType.STRING)
            .advanced()
            .doc("User for HTTP basic authentication to the registry; unset: no authentication.")
            .build(),
        ConfigField.builder(PASSWORD, ConfigType.STRING)
            .advanced()
            .secret()
            .doc("Password for HTTP basic authentication to the registry.")
            .build());
  }

  /** Reads the shared fields of a config that passed {@link #check}. */
  static RegistryConnection of(Map<String, Object> config) {
    return new RegistryConnection(
        stripSlash((String) config.get(URL)),
        IdLocation.valueOf(String.valueOf(config.getOrDefault(ID_LOCATION, "payload"))
            .toUpperCase(Locale.ROOT)),
        (String) config.get(USERNAME),
        (String) config.get(PASSWORD));
  }

  /** Problems of the shared fields the spec cannot catch: the URL's shape, a lone password. */
  static List<Problem> check(Map<String, Object> config) {
    List<Problem> problems = new ArrayList<>();
    if (config.get(URL) instanceof String url) {
      urlProblem(url).ifPresent(problems::add);
    }
    if (config.get(PASSWORD) != null && config.get(USERNAME) == null) {
      problems.add(Problem.at(USERNAME, null,
          "a password is set but no username; set username too, or remove password"));
    }
    return problems;
  }

  private static Optional<Problem> urlProblem(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of(Problem.at(URL, url, "not a URL (" + e.getReason()
          + "); write the registry's API URL, such as http://localhost:8080" + API_PATH));
    }
    String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      return Optional.of(Problem.at(URL, url, "the registry URL must be http:// or "
          + "https:// with a host, such as http://localhost:8080" + API_PATH));
    }
    if (!stripSlash(uri.getPath()).endsWith(API_PATH)) {
      return Optional.of(Problem.at(URL, url, "the registry URL must end in " + API_PATH
          + " (Apicurio Registry 3's core API); write "
          + stripSlash(url.split("\\?")[0]) + API_PATH));
    }
    return Optional.empty();
  }

  /**
   * Apicurio serde properties for this connection: the URL, credentials, the id location, the
   * JDK's HTTP client (Vert.x would start a shared event loop that outlives every processor), one
   * quick retry in the client (Sluice retries with backoff itself, without holding the stream's
   * thread), and cached schemas kept through registry outages.
   */
  Map<String, Object> serdeProperties() {
    Map<String, Object> properties = new HashMap<>();
    properties.put(SchemaResolverConfig.REGISTRY_URL, url);
    properties.put(SchemaResolverConfig.HTTP_ADAPTER, "JDK");
    properties.put(KafkaSerdeConfig.ENABLE_HEADERS, idLocation == IdLocation.HEADERS);
    properties.put(SchemaResolverConfig.RETRY_COUNT, 1L);
    properties.put(SchemaResolverConfig.RETRY_BACKOFF_MS, 100L);
    // A cached schema is looked up again after 30 s (Apicurio's default); while the registry is
    // down, keep using it rather than fail records that could be encoded or decoded.
    properties.put(SchemaResolverConfig.FAULT_TOLERANT_REFRESH, true);
    if (username != null) {
      properties.put(SchemaResolverConfig.AUTH_USERNAME, username);
      properties.put(SchemaResolverConfig.AUTH_PASSWORD, password == null ? "" : password);
    }
    return properties;
  }

  /** Shows everything but the password, so that logging a config cannot leak it. */
  @Override
  public String toString() {
    return "RegistryConnection[url=" + url + ", idLocation=" + idLocation.word() + ", username="
        + username + ", password=" + (password == null ? "unset" : "***") + "]";
  }

  private static String stripSlash(String text) {
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}
