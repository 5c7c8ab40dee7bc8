package dev.sluice.processors.registry;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.Processor;
import dev.sluice.api.component.ProcessorProvider;

/** Announces the {@code schema_registry_encode} processor and creates its instances. */
public final class SchemaRegistryEncodeProvider implements ProcessorProvider {

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("schema_registry_encode", ComponentKind.PROCESSOR,
        "Encodes JSON-like values as Avro, JSON Schema or Protobuf with a schema from Apicurio "
            + "Registry, the schema id in front; records that do not fit the schema go to the "
            + "error policy.",
        EncodeConfig.SPEC, EncodeConfig::check);
  }

  @Override
  public Processor create() {
    return new SchemaRegistryEncodeProcessor();
  }
}
