package dev.sluice.processors.registry;

import dev.sluice.api.error.PermanentException;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.NonRecordContainer;
import io.apicurio.registry.serde.data.SerdeMetadata;
import io.apicurio.registry.serde.data.SerdeRecord;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.common.header.Headers;

/**
 * Avro through Apicurio's {@link AvroKafkaSerializer}: each value becomes the datum its schema
 * describes (see {@link JsonToAvro}).
 */
final class AvroEncoder implements ValueEncoder {

  private final EncodeConfig config;
  private final String topic;
  private final Schema inline;
  private final AvroKafkaSerializer<Object> serializer = new AvroKafkaSerializer<>();

  AvroEncoder(EncodeConfig config, String topic) {
    this.config = config;
    this.topic = topic;
    this.inline = config.schema() == null ? null : InlineSchemas.avro(config.schema());
    serializer.configure(config.serdeProperties(), false);
  }

  @Override
  public String start() {
    if (inline == null) {
      return schema().getFullName();
    }
    // Registers the inline schema as a version of the artifact, or finds the version that has
    // it, so that the serializer's own lookup is a cache hit.
    Object placeholder = inline.getType() == Schema.Type.RECORD ? new GenericData.Record(inline)
        : new NonRecordContainer<>(inline, null);
    serializer.getSchemaResolver().resolveSchema(
        new SerdeRecord<>(new SerdeMetadata(topic, false), placeholder));
    return inline.getFullName();
  }

  @Override
  public byte[] encode(Headers headers, Object value) throws PermanentException {
    Schema schema = schema();
    Object datum;
    try {
      datum = JsonToAvro.convert(schema, value);
    } catch (SchemaMismatch mismatch) {
      throw new PermanentException(mismatch.describe("Avro schema " + schema.getFullName()), null);
    }
    return serializer.serialize(topic, headers, datum);
  }

  private Schema schema() {
    return inline != null ? inline : ValueEncoder.fromRegistry(serializer.getSchemaResolver(), config);
  }

  @Override
  public void close() {
    serializer.close();
  }
}
