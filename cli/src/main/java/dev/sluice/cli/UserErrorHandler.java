package dev.sluice.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions from a command into a short message and exit code 2. A {@link UserError} is
 * shown as is; anything else is a bug in Sluice: one line on the terminal, the stack trace in the
 * log.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(UserErrorHandler.class);

  static final int EXIT_ERROR = 2;

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    if (e instanceof UserError) {
      cli.getErr().println("sluice: " + e.getMessage());
    } else {
      log.error("unexpected failure", e);
      cli.getErr().println("sluice: unexpected failure (" + e + "); this is a bug, please report it");
    }
    cli.getErr().flush();
    return EXIT_ERROR;
  }
}
