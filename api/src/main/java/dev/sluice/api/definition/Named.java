package dev.sluice.api.definition;

/** An enum constant that users write as a lower-case word, such as {@code at-least-once}. */
public interface Named {

  /** The word as written in stream documents. */
  String word();
}
