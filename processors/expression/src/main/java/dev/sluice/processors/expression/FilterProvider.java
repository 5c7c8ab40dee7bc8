package dev.sluice.processors.expression;

import dev.sluice.api.component.ComponentDescriptor;
import dev.sluice.api.component.ComponentKind;
import dev.sluice.api.component.ComponentProvider;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigSpec;
import dev.sluice.api.config.ConfigType;

/** Announces the {@code filter} processor. */
public final class FilterProvider implements ComponentProvider {

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .field(ConfigField.builder("condition", ConfigType.EXPRESSION)
          .required()
          .doc("Expression evaluated per record; records for which it is true pass, the others are dropped.")
          .examples("type != 'view'"))
      .shorthand("condition")
      .build();

  @Override
  public ComponentDescriptor descriptor() {
    return new ComponentDescriptor(
        "filter", ComponentKind.PROCESSOR, "Keeps only the records for which a condition holds.", SPEC);
  }
}
