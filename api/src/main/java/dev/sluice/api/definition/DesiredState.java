package dev.sluice.api.definition;

/** Whether a stream's owner wants it running. */
public enum DesiredState implements Named {
  /** Run it; refused at save time when the definition does not validate. */
  ACTIVE("active"),
  /** Keep it stopped; may be saved while still invalid. */
  PAUSED("paused");

  private final String word;

  DesiredState(String word) {
    this.word = word;
  }

  @Override
  public String word() {
    return word;
  }
}
