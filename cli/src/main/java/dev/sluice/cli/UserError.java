package dev.sluice.cli;

/**
 * A failure the user can fix, such as a port in use or a missing file. Shown as one line that says
 * what went wrong and what to do, without a stack trace.
 */
final class UserError extends RuntimeException {

  UserError(String message) {
    super(message);
  }

  UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
