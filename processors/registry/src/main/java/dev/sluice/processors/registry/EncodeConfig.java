package dev.sluice.processors.registry;

import dev.sluice.api.Problem;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code schema_registry_encode} config, parsed once: where the registry is, the format,
 * which artifact holds the schema, and the inline schema to register, if any.
 *
 * @param registry the registry connection
 * @param format the schema language and serde
 * @param group the artifact's group
 * @param artifact the artifact id: the configured one, or {@code <topic>-value}
 * @param version the pinned version, or {@code null} for the latest
 * @param schema the inline schema's text (checked to parse in its format), or {@code null} to
 *     use the registered one
 * @param messageType the Protobuf message type to encode as, or {@code null} for the schema's
 *     first message
 */
record EncodeConfig(RegistryConnection registry, RegistryFormat format, String group,
    String artifact, String version, String schema, String messageType) {

  static final String GROUP = "group";
  static final String ARTIFACT = "artifact";
  static final String TOPIC = "topic";
  static final String VERSION = "version";
  static final String SCHEMA = "schema";
  static final String MESSAGE_TYPE = "messageType";

  static final ConfigSpec SPEC = spec();

  private static ConfigSpec spec() {
    ConfigSpec.Builder spec = ConfigSpec.builder().field(RegistryConnection.urlField())
        .field(RegistryFormat.field("The schema language, and so the serde: 'avro' writes Avro "
            + "binary, 'json' writes JSON text checked against a JSON Schema, 'protobuf' writes "
            + "Protobuf binary (with the message name in front, as Apicurio's serializer does)."));
    spec.field(ConfigField.builder(ARTIFACT, ConfigType.STRING)
            .doc("The id of the registry artifact whose schema records are encoded with. Set "
                + "this or topic.")
            .examples("orders-value", "com.example.Order"))
        .field(ConfigField.builder(TOPIC, ConfigType.STRING)
            .doc("Use the topic strategy: the artifact id is <topic>-value, as Apicurio's and "
                + "Confluent's serializers name it for that topic by default. Set this or "
                + "artifact.")
            .examples("orders"))
        .field(ConfigField.builder(GROUP, ConfigType.STRING)
            .defaultValue("default")
            .doc("The artifact's group in the registry."))
        .field(ConfigField.builder(VERSION, ConfigType.STRING)
            .doc("Encode with this version of the artifact; unset: the latest version, looked "
                + "up again every 30 seconds.")
            .examples("1", "2.0.0"))
        .field(ConfigField.builder(SCHEMA, ConfigType.STRING)
            .doc("A schema in the format's language (Avro's JSON, a JSON Schema, or the text of "
                + "a .proto file) to register as the artifact's version when the registry does "
                + "not have it yet, and encode with; unset: the registry must hold the artifact "
                + "already.")
            .examples("{\"type\": \"record\", \"name\": \"Order\", \"fields\": "
                + "[{\"name\": \"id\", \"type\": \"string\"}]}"))
        .field(ConfigField.builder(MESSAGE_TYPE, ConfigType.STRING)
            .doc("With format: protobuf, the message of the schema that values are encoded as, "
                + "by name or full name; unset: the schema's first message.")
            .examples("Order", "com.example.Order"));
    RegistryConnection.transportFields().forEach(spec::field);
    return spec.build();
  }

  /** Reads a config that passed {@link #check}. */
  static EncodeConfig of(Map<String, Object> config) {
    String artifact = config.get(ARTIFACT) instanceof String a ? a
        : config.get(TOPIC) + "-value";
    return new EncodeConfig(RegistryConnection.of(config),
        RegistryFormat.of(config.get(RegistryFormat.FIELD)),
        (String) config.getOrDefault(GROUP, "default"), artifact, (String) config.get(VERSION),
        (String) config.get(SCHEMA), (String) config.get(MESSAGE_TYPE));
  }

  /** Every problem the spec cannot express; paths relative to the component's config. */
  static List<Problem> check(Map<String, Object> config) {
    List<Problem> problems = new ArrayList<>(RegistryConnection.check(config));
    Object artifact = config.get(ARTIFACT);
    Object topic = config.get(TOPIC);
    if (artifact == null && topic == null) {
      problems.add(Problem.at(ARTIFACT, null, "say which registry artifact holds the schema: set "
          + "artifact (such as orders-value) or topic (for the artifact <topic>-value)"));
    } else if (artifact != null && topic != null) {
      problems.add(Problem.at(TOPIC, String.valueOf(topic), "artifact and topic both name the "
          + "artifact; keep one of them"));
    }
    RegistryFormat format = RegistryFormat.of(config.get(RegistryFormat.FIELD));
    if (config.get(MESSAGE_TYPE) != null && format != RegistryFormat.PROTOBUF) {
      problems.add(Problem.at(MESSAGE_TYPE, String.valueOf(config.get(MESSAGE_TYPE)),
          "messageType names a Protobuf message, but format is " + format.word()
              + "; remove messageType, or set format: protobuf"));
    }
    if (config.get(SCHEMA) instanceof String text) {
      InlineSchemas.problem(format, text)
          .ifPresent(problem -> problems.add(Problem.at(SCHEMA, shorten(text), problem)));
      if (config.get(VERSION) != null) {
        problems.add(Problem.at(VERSION, String.valueOf(config.get(VERSION)), "version pins a "
            + "registered version while schema registers one; keep one of them"));
      }
    }
    return problems;
  }

  /**
   * Apicurio serializer properties: always this artifact; with an inline schema, register it
   * (or find the version that has it), otherwise use the pinned or the latest version.
   */
  Map<String, Object> serdeProperties() {
    Map<String, Object> properties = registry.serdeProperties();
    properties.put(SchemaResolverConfig.EXPLICIT_ARTIFACT_GROUP_ID, group);
    properties.put(SchemaResolverConfig.EXPLICIT_ARTIFACT_ID, artifact);
    if (version != null) {
      properties.put(SchemaResolverConfig.EXPLICIT_ARTIFACT_VERSION, version);
    }
    properties.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, schema != null);
    properties.put(SchemaResolverConfig.FIND_LATEST_ARTIFACT, schema == null);
    return properties;
  }

  /** {@code group/artifact}, and the version when pinned, for messages. */
  String coordinates() {
    return group + "/" + artifact + (version == null ? "" : " version " + version);
  }

  private static String shorten(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= 80 ? flat : flat.substring(0, 77) + "...";
  }
}
