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
    ConfigSpec.Builder spec = ConfigSpec.builder().field(RegistryConnection.urlField());
    RegistryConnection.transportFields().forEach(spec::field);
    return spec.shorthand(RegistryConnection.URL).build();
  }

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("schema_registry_decode", ComponentKind.PROCESSOR,
        "Decodes Avro values written by a schema-registry serializer (Apicurio or Confluent "
            + "framing) into JSON-like values, with schemas fetched from Apicurio Registry.",
        SPEC, RegistryConnection::check);
  }

  @Override
  public Processor create() {
    return new SchemaRegistryDecodeProcessor();
  }
}
