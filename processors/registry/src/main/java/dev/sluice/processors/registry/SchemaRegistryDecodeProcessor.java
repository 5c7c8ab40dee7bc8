package dev.sluice.processors.registry;

import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.Processor;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.record.Record;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import java.util.List;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code schema_registry_decode} processor: reads a value written by a registry-aware Avro
 * serializer (the schema id in front of the payload or in headers), fetches that schema from the
 * registry once, and replaces the value with its JSON-like form (see {@link AvroToJson}).
 *
 * <p>A value that is not bytes, or whose bytes are not registry-framed Avro, or that names a
 * schema the registry does not have, goes to the error policy; an unreachable registry or a 5xx
 * is retried. Used by one thread, as {@link Processor} says.
 */
final class SchemaRegistryDecodeProcessor implements Processor {

  private static final Logger log = LoggerFactory.getLogger(SchemaRegistryDecodeProcessor.class);

  private RegistryConnection registry;
  private AvroKafkaDeserializer<Object> deserializer;
  private String topic;

  @Override
  public void start(ComponentContext context) throws ConfigException {
    var problems = RegistryConnection.check(context.config());
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    registry = RegistryConnection.of(context.config());
    deserializer = new AvroKafkaDeserializer<>();
    deserializer.configure(registry.serdeProperties(), false);
    // The topic only names the subject for strategies that need one; the id is in the record.
    topic = context.stream();
    log.info("schema_registry_decode for stream {} instance {} reads schemas from {}",
        context.stream(), context.instance(), registry.url());
  }

  @Override
  public List<Record> process(Record record) throws PermanentException, RetriableException {
    if (!(record.value() instanceof byte[] bytes)) {
      throw new PermanentException("schema_registry_decode reads bytes written by a registry "
          + "serializer, but this record's value is " + JsonToAvro.shown(record.value())
          + "; read the input with format: bytes", null);
    }
    Object datum;
    try {
      datum = deserializer.deserialize(topic, KafkaHeaders.of(record.headers()), bytes);
    } catch (RuntimeException e) {
      RegistryFailure failure = RegistryFailure.of(e);
      if (failure.transientFailure()) {
        throw failure.retriable("cannot read the schema of a record", registry.url(), e);
      }
      throw failure.permanent(failure.notFound()
          ? "the record names a schema id that the registry at " + registry.url()
              + " does not have; was it written against another registry?"
          : "the value is not Avro written by a registry serializer (" + registry.idLocation()
              .word() + " id) or does not match its schema", e);
    }
    var schema = datum instanceof GenericContainer container ? container.getSchema()
        : GenericData.get().induce(datum);
    return List.of(record.withValue(AvroToJson.convert(schema, datum)));
  }

  @Override
  public void close() {
    if (deserializer != null) {
      deserializer.close();
    }
  }
}
