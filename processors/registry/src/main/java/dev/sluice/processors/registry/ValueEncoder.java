package dev.sluice.processors.registry;

import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import io.apicurio.registry.resolver.ParsedSchema;
import io.apicurio.registry.resolver.SchemaResolver;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import org.apache.kafka.common.header.Headers;

/**
 * Turns JSON-like values into the bytes that one format's Apicurio serializer writes, the schema
 * id included. Registry failures surface as the serde's runtime exceptions, for {@link
 * RegistryFailure} to classify. Used by one thread.
 */
interface ValueEncoder extends AutoCloseable {

  /**
   * Resolves the schema once, so that a missing artifact shows when the stream starts: registers
   * the inline schema (or finds the version that has it), or fetches the pinned or latest one.
   *
   * @return the schema's name, for the log
   * @throws ConfigException when the config does not fit the schema (a Protobuf message type it
   *     does not have)
   */
  String start() throws ConfigException;

  /**
   * The serializer's bytes for {@code value}; with {@code idLocation: headers}, the id goes into
   * {@code headers}.
   *
   * @throws PermanentException when the value does not fit the schema, saying where and why
   */
  byte[] encode(Headers headers, Object value) throws PermanentException;

  @Override
  void close();

  /** The encoder for the config's format; {@code topic} names the serializer's records. */
  static ValueEncoder of(EncodeConfig config, String topic) {
    return switch (config.format()) {
      case AVRO -> new AvroEncoder(config, topic);
      case JSON -> new JsonSchemaEncoder(config, topic);
      case PROTOBUF -> new ProtobufEncoder(config, topic);
    };
  }

  /**
   * The pinned or latest version of the configured artifact, from the resolver's cache after the
   * first call (the serializer finds the same entry, so the bytes carry that version's id).
   */
  static <S> S fromRegistry(SchemaResolver<S, ?> resolver, EncodeConfig config) {
    ParsedSchema<S> parsed = resolver.resolveSchemaByArtifactReference(ArtifactReference.builder()
        .groupId(config.group()).artifactId(config.artifact()).version(config.version())
        .build()).getParsedSchema();
    return parsed.getParsedSchema();
  }
}
