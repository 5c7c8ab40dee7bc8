package dev.sluice.processors.expression;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.ComponentProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;

/** Announces the {@code mapping} processor. */
public final class MappingProvider implements ComponentProvider {

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("expression", ConfigType.EXPRESSION)
          .required()
          .doc("Expression whose result replaces each record's value.")
          .examples("{\"user\": user, \"total\": price * quantity}"))
      .shorthand("expression")
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor(
        "mapping", ComponentKind.PROCESSOR, "Replaces each record with the result of an expression.", SPEC);
  }
}
