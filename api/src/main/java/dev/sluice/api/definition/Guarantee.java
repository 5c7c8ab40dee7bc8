package dev.sluice.api.definition;

/** The delivery guarantee of a stream. */
public enum Guarantee implements Named {
  /** Every record is delivered; after a failure some may be delivered twice. The default. */
  AT_LEAST_ONCE("at-least-once"),
  /** Every record is delivered once, using Kafka transactions; Kafka input and output only. */
  EXACTLY_ONCE("exactly-once");

  private final String word;

  Guarantee(String word) {
    this.word = word;
  }

  @Override
  public String word() {
    return word;
  }
}
