package dev.sluice.processors.transform;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.Processor;
import dev.sluice.api.component.ProcessorProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;

/** Announces the {@code json_schema} processor and creates its instances. */
public final class JsonSchemaProvider implements ProcessorProvider {

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder(SchemaCompiler.SCHEMA, ConfigType.STRING)
          .required()
          .doc("The JSON Schema each record's value must match, written as YAML or JSON text "
              + "(in YAML, a block after 'schema: |'); it may not refer to other documents.")
          .examples("{type: object, required: [id], properties: {id: {type: string}}}",
              "{\"type\": \"object\", \"required\": [\"id\"]}"))
      .field(ConfigField.builder(SchemaCompiler.DRAFT, ConfigType.ENUM)
          .choices(SchemaDraft.words())
          .defaultValue(SchemaDraft.DEFAULT.word())
          .doc("The JSON Schema version the schema is written in, when it has no $schema "
              + "keyword; a $schema keyword wins."))
      .field(ConfigField.builder(SchemaCompiler.CHECK_FORMATS, ConfigType.BOOLEAN)
          .defaultValue(false)
          .advanced()
          .doc("Also fail values whose strings do not match their 'format' (email, date-time, "
              + "uuid, ...); JSON Schema treats formats as notes by default."))
      .shorthand(SchemaCompiler.SCHEMA)
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("json_schema", ComponentKind.PROCESSOR,
        "Checks each record's value against a JSON Schema; records that do not match go to the "
            + "error policy.", SPEC, config -> SchemaCompiler.compile(config).problems());
  }

  @Override
  public Processor create() {
    return new JsonSchemaProcessor();
  }
}
