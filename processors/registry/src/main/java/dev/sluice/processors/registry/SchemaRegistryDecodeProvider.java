package dev.sluice.processors.registry;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.Processor;
import dev.sluice.api.component.ProcessorProvider;
import dev.sluice.api.config.ConfigSpec;

/** Announces the {@code schema_registry_decode} processor and creates its instances. */
public final class SchemaRegistryDecodeProvider implements ProcessorProvider {

  static final ConfigSpec SPEC = spec();

  private static ConfigSpec spec() {
    ConfigSpec.Builder spec = ConfigSpec.builder().field(RegistryConnection.urlField())
        .field(RegistryFormat.field("The schema language the values were written in, and so "
            + "the deserializer: 'avro', 'json' (JSON text validated against its JSON Schema) "
            + "or 'protobuf' (read as the message the value names, printed by Protobuf's JSON "
            + "mapping)."));
    RegistryConnection.transportFields().forEach(spec::field);
    return spec.shorthand(RegistryConnection.URL).build();
  }

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("schema_registry_decode", ComponentKind.PROCESSOR,
        "Decodes Avro, JSON Schema or Protobuf values written by a schema-registry serializer "
            + "into JSON-like values, with schemas fetched from Apicurio Registry.",
        SPEC, RegistryConnection::check);
  }

  @Override
  public Processor create() {
    return new SchemaRegistryDecodeProcessor();
  }
}
