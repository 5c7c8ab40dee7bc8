package dev.sluice.processors.registry;

import dev.sluice.api.Problem;
import dev.sluice.api.component.ComponentContext;
import dev.sluice.api.component.Processor;
import dev.sluice.api.error.ComponentException;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.record.Record;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code schema_registry_encode} processor: fits each record's JSON-like value to the
 * artifact's Avro, JSON Schema or Protobuf schema (see {@link ValueEncoder}) and replaces the
 * value with the bytes Apicurio's serializer for that format writes for it, the schema id
 * included.
 *
 * <p>The schema is resolved when the processor starts (an inline schema is registered then), so
 * a missing artifact or an unreachable registry shows at once; Apicurio's resolver caches it,
 * looks for a newer latest version every 30 seconds, and keeps the cached one while the registry
 * is down. A record that does not fit goes to the error policy with the field, the value and what
 * the schema expects; registry outages are retried. Used by one thread, as {@link Processor}
 * says.
 */
final class SchemaRegistryEncodeProcessor implements Processor {

  private static final Logger log = LoggerFactory.getLogger(SchemaRegistryEncodeProcessor.class);

  private EncodeConfig config;
  private ValueEncoder encoder;

  @Override
  public void start(ComponentContext context) throws ComponentException {
    List<Problem> problems = EncodeConfig.check(context.config());
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    config = EncodeConfig.of(context.config());
    encoder = ValueEncoder.of(config, context.stream());
    String schema;
    try {
      schema = encoder.start();
    } catch (RuntimeException e) {
      throw startFailure(RegistryFailure.of(e), e);
    }
    log.info("schema_registry_encode for stream {} instance {} encodes {} with {} ({}) from {}",
        context.stream(), context.instance(), config.format().title(), config.coordinates(),
        schema, config.registry().url());
  }

  @Override
  public List<Record> process(Record record) throws PermanentException, RetriableException {
    Headers headers = KafkaHeaders.of(record.headers());
    byte[] bytes;
    try {
      bytes = encoder.encode(headers, record.value());
    } catch (RuntimeException e) {
      RegistryFailure failure = RegistryFailure.of(e);
      if (failure.transientFailure()) {
        throw failure.retriable("cannot encode with " + config.coordinates(),
            config.registry().url(), e);
      }
      throw failure.permanent("cannot encode with " + config.coordinates(), e);
    }
    return List.of(new Record(record.key(), bytes, KafkaHeaders.toMap(headers),
        record.timestamp()));
  }

  private ComponentException startFailure(RegistryFailure failure, RuntimeException e) {
    String url = config.registry().url();
    if (failure.transientFailure()) {
      return failure.retriable("cannot get the schema of " + config.coordinates(), url, e);
    }
    if (failure.notFound() && config.schema() == null) {
      return new ConfigException(List.of(Problem.at(config.version() == null
          ? EncodeConfig.ARTIFACT : EncodeConfig.VERSION, config.coordinates(),
          "the registry at " + url + " has no artifact " + config.coordinates() + " ("
              + failure.detail() + "); register the schema there, or set schema to have it "
              + "registered")));
    }
    return new ConfigException(List.of(Problem.at(config.schema() != null ? EncodeConfig.SCHEMA
        : EncodeConfig.ARTIFACT, config.coordinates(), "the registry at " + url + " refused "
        + config.coordinates() + ": " + (failure.status() > 0 ? failure.status() + " " : "")
        + failure.detail())));
  }

  @Override
  public void close() {
    if (encoder != null) {
      encoder.close();
    }
  }
}
