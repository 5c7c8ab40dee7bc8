package dev.sluice.api.component;

import java.util.Locale;

/** Where a component sits in a stream: {@code input -> processors -> output}. */
public enum ComponentKind {
  /** Produces records into a stream; written under {@code spec.input}. */
  INPUT,
  /** Transforms, filters or aggregates records; written under {@code spec.pipeline.processors}. */
  PROCESSOR,
  /** Delivers records out of a stream; written under {@code spec.output}. */
  OUTPUT;

  /** The lower-case word used in messages and documents: {@code input}, {@code processor}... */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
