package dev.sluice.controlplane.gitops;

/** A git sync attempt failed before anything was applied; the message says what to check. */
final class GitSyncException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  GitSyncException(String message) {
    super(message);
  }

  GitSyncException(String message, Throwable cause) {
    super(message, cause);
  }
}
