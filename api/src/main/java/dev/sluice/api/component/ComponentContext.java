package dev.sluice.api.component;

import dev.sluice.api.expression.ExpressionLanguage;
import java.util.Map;

/**
 * What Sluice tells a component instance when it starts. Immutable; valid until the component is
 * closed.
 */
public interface ComponentContext {

  /** The stream's id, {@code namespace/name}. */
  String stream();

  /** This instance's index, from 0 to {@link #instances()} - 1. */
  int instance();

  /** How many instances of the stream run, across all workers. */
  int instances();

  /**
   * The component's configuration, validated against its spec, with defaults applied: JSON-like
   * values keyed by field name. Parse it once, in {@code start}, into a typed record.
   */
  Map<String, Object> config();

  /** The expression language, for fields of type {@code EXPRESSION}. */
  ExpressionLanguage expressions();
}
