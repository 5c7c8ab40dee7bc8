package dev.sluice.dataplane.pipeline;

/** A stream instance cannot be set up on this worker; the message says why and what to do. */
public final class StreamSetupException extends Exception {

  public StreamSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
