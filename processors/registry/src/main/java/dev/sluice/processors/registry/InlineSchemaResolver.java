package dev.sluice.processors.registry;

import io.apicurio.registry.resolver.DefaultSchemaResolver;
import io.apicurio.registry.resolver.ParsedSchema;
import io.apicurio.registry.resolver.SchemaParser;
import io.apicurio.registry.resolver.data.Record;
import java.util.Map;

/**
 * Apicurio's schema resolver, told the schema of every record up front: for serdes whose parser
 * cannot take a schema from the data (JSON Schema's returns none), so that an inline schema goes
 * through the resolver's own auto-registration like an Avro or Protobuf one.
 *
 * @param <S> the parsed schema's type
 * @param <T> the records' type
 */
final class InlineSchemaResolver<S, T> extends DefaultSchemaResolver<S, T> {

  private final ParsedSchema<S> schema;

  /** @param schema the schema every record is written with */
  InlineSchemaResolver(ParsedSchema<S> schema) {
    this.schema = schema;
  }

  @Override
  public void configure(Map<String, ?> configs, SchemaParser<S, T> parser) {
    super.configure(configs, new SchemaParser<>() {
      @Override
      public String artifactType() {
        return parser.artifactType();
      }

      @Override
      public S parseSchema(byte[] raw, Map<String, ParsedSchema<S>> references) {
        return parser.parseSchema(raw, references);
      }

      @Override
      public ParsedSchema<S> getSchemaFromData(Record<T> data) {
        return schema;
      }

      @Override
      public ParsedSchema<S> getSchemaFromData(Record<T> data, boolean dereference) {
        return schema;
      }
    });
  }
}
