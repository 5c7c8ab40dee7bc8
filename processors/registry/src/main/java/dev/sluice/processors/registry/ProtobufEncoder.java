package dev.sluice.processors.registry;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.sluice.api.Problem;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import io.apicurio.registry.serde.data.SerdeMetadata;
import io.apicurio.registry.serde.data.SerdeRecord;
import io.apicurio.registry.serde.protobuf.ProtobufKafkaSerializer;
import io.apicurio.registry.utils.protobuf.schema.ProtobufSchema;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Headers;

/**
 * Protobuf through Apicurio's {@link ProtobufKafkaSerializer}: each value becomes a message of
 * the configured type (see {@link ProtobufJson}), which the serializer writes after the message's
 * name, as Apicurio's deserializer expects.
 */
final class ProtobufEncoder implements ValueEncoder {

  private final EncodeConfig config;
  private final String topic;
  private final ProtobufSchema inline;
  private final ProtobufKafkaSerializer<DynamicMessage> serializer = new ProtobufKafkaSerializer<>();

  ProtobufEncoder(EncodeConfig config, String topic) {
    this.config = config;
    this.topic = topic;
    this.inline = config.schema() == null ? null : InlineSchemas.protobuf(config.schema());
    serializer.configure(config.serdeProperties(), false);
  }

  @Override
  public String start() throws ConfigException {
    Descriptor type = type(schema().getFileDescriptor());
    if (type == null) {
      throw new ConfigException(List.of(Problem.at(EncodeConfig.MESSAGE_TYPE,
          config.messageType(), missing(schema().getFileDescriptor()))));
    }
    if (inline != null) {
      // Registers the schema (the serializer's own rendering of the .proto) or finds the version
      // that has it, so that the serializer's lookup for each record is a cache hit.
      serializer.getSchemaResolver().resolveSchema(new SerdeRecord<>(
          new SerdeMetadata(topic, false), DynamicMessage.getDefaultInstance(type)));
    }
    return type.getFullName();
  }

  @Override
  public byte[] encode(Headers headers, Object value) throws PermanentException {
    FileDescriptor file = schema().getFileDescriptor();
    Descriptor type = type(file);
    if (type == null) {
      throw new PermanentException(missing(file) + " (in the latest version of "
          + config.coordinates() + ")", null);
    }
    DynamicMessage message;
    try {
      message = ProtobufJson.message(type, value);
    } catch (SchemaMismatch mismatch) {
      throw new PermanentException(mismatch.describe("Protobuf message " + type.getFullName()),
          null);
    }
    return serializer.serialize(topic, headers, message);
  }

  private ProtobufSchema schema() {
    return inline != null ? inline
        : ValueEncoder.fromRegistry(serializer.getSchemaResolver(), config);
  }

  /** The configured message type in {@code file}, or its first one; {@code null} if missing. */
  private Descriptor type(FileDescriptor file) {
    String name = config.messageType();
    if (name == null) {
      return file.getMessageTypes().isEmpty() ? null : file.getMessageTypes().get(0);
    }
    String prefix = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
    return file.findMessageTypeByName(name.startsWith(prefix) ? name.substring(prefix.length())
        : name);
  }

  private String missing(FileDescriptor file) {
    String names = file.getMessageTypes().stream().map(Descriptor::getFullName)
        .collect(Collectors.joining(", "));
    return names.isEmpty() ? "the schema " + config.coordinates() + " has no message type; add "
        + "one to the .proto" : "the schema " + config.coordinates() + " has no message "
        + config.messageType() + "; set messageType to one of " + names;
  }

  @Override
  public void close() {
    serializer.close();
  }
}
