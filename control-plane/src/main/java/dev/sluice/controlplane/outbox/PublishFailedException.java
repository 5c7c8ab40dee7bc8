package dev.sluice.controlplane.outbox;

/** Kafka refused or did not acknowledge an outbox row in time; the publisher starts over. */
final class PublishFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  PublishFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
