package dev.sluice.api.error;

/** Base of the errors a component reports; see the subclasses for what Sluice does with each. */
public abstract sealed class ComponentException extends Exception
    permits RetriableException, PermanentException, ConfigException {

  protected ComponentException(String message, Throwable cause) {
    super(message, cause);
  }
}
