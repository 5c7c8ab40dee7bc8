package dev.sluice.controlplane.store;

/** What a request names does not exist. Nothing was changed. The REST layer answers 404. */
public final class NotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** @param message what is missing and what to do about it */
  public NotFoundException(String message) {
    super(message);
  }
}
