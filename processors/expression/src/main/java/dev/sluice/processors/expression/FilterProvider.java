package dev.sluice.processors.expression;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.Processor;
import dev.sluice.api.component.ProcessorProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;

/** Announces the {@code filter} processor and creates its instances. */
public final class FilterProvider implements ProcessorProvider {

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("condition", ConfigType.EXPRESSION)
          .required()
          .doc("JSONata condition evaluated per record: true keeps the record; false, or nothing "
              + "(a field it reads is missing), drops it; any other result is an error.")
          .examples("type != 'view'", "total > 100 and country in ['DE', 'AT']"))
      .shorthand("condition")
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("filter", ComponentKind.PROCESSOR,
        "Keeps only the records for which a condition holds.", SPEC);
  }

  @Override
  public Processor create() {
    return new FilterProcessor();
  }
}
