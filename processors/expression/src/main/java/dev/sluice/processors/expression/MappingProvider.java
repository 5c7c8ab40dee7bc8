package dev.sluice.processors.expression;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.Processor;
import dev.sluice.api.component.ProcessorProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;

/** Announces the {@code mapping} processor and creates its instances. */
public final class MappingProvider implements ProcessorProvider {

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("expression", ConfigType.EXPRESSION)
          .required()
          .doc("JSONata expression whose result replaces each record's value; a record for which "
              + "it fails or gives nothing goes to the stream's error policy.")
          .examples("{\"user\": user, \"total\": price * quantity}",
              "$merge([$, {\"total\": price * quantity}])"))
      .shorthand("expression")
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor("mapping", ComponentKind.PROCESSOR,
        "Replaces each record's value with the result of an expression.", SPEC);
  }

  @Override
  public Processor create() {
    return new MappingProcessor();
  }
}
