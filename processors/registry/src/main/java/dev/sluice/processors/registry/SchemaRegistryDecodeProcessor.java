package dev.sluice.processors.registry;

import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.Processor;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.record.Record;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code schema_registry_decode} processor: reads a value written by a registry-aware Avro,
 * JSON Schema or Protobuf serializer (the schema id in front of the payload or in headers),
 * fetches that schema from the registry once, and replaces the value with its JSON-like form
 * (see {@link ValueDecoder}).
 *
 * <p>A value that is not bytes, or whose bytes are not registry-framed in the configured format,
 * or do not match their schema, or name a schema the registry does not have, goes to the error
 * policy; an unreachable registry or a 5xx is retried. Used by one thread, as {@link Processor}
 * says.
 */
final class SchemaRegistryDecodeProcessor implements Processor {

  private static final Logger log = LoggerFactory.getLogger(SchemaRegistryDecodeProcessor.class);

  private RegistryConnection registry;
  private RegistryFormat format;
  private ValueDecoder decoder;
  private String topic;

  @Override
  public void start(ComponentContext context) throws ConfigException {
    var problems = RegistryConnection.check(context.config());
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    registry = RegistryConnection.of(context.config());
    format = RegistryFormat.of(context.config().get(RegistryFormat.FIELD));
    decoder = new ValueDecoder(format, registry);
    // The topic only names the subject for strategies that need one; the id is in the record.
    topic = context.stream();
    log.info("schema_registry_decode for stream {} instance {} reads {} with schemas from {}",
        context.stream(), context.instance(), format.title(), registry.url());
  }

  @Override
  public List<Record> process(Record record) throws PermanentException, RetriableException {
    if (!(record.value() instanceof byte[] bytes)) {
      throw new PermanentException("schema_registry_decode reads bytes written by a registry "
          + "serializer, but this record's value is " + JsonToAvro.shown(record.value())
          + "; read the input with format: bytes", null);
    }
    Object value;
    try {
      value = decoder.decode(topic, KafkaHeaders.of(record.headers()), bytes);
    } catch (IOException | RuntimeException e) {
      RegistryFailure failure = RegistryFailure.of(e);
      if (failure.transientFailure()) {
        throw failure.retriable("cannot read the schema of a record", registry.url(), e);
      }
      throw failure.permanent(failure.notFound()
          ? "the record names a schema id that the registry at " + registry.url()
              + " does not have; was it written against another registry?"
          : "the value is not " + format.title() + " written by a registry serializer ("
              + registry.idLocation().word() + " id) or does not match its schema", e);
    }
    return List.of(record.withValue(value));
  }

  @Override
  public void close() {
    if (decoder != null) {
      decoder.close();
    }
  }
}
