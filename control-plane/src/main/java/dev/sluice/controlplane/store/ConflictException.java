package dev.sluice.controlplane.store;

/**
 * A change was refused because it was based on a state that is no longer current, or because what
 * it creates exists already. Nothing was changed. The REST layer answers 409.
 */
public final class ConflictException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** @param message what exists or what changed meanwhile, and what to do about it */
  public ConflictException(String message) {
    super(message);
  }
}
