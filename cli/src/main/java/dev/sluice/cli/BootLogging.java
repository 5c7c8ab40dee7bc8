package dev.sluice.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Sluice's own INFO lines off the terminal while a command prints its boot progress, so the
 * numbered steps stay readable; warnings and errors still show. Afterwards the configured level
 * comes back and runtime events (assignments, instances starting) are logged as they happen.
 */
final class BootLogging implements AutoCloseable {

  private final Logger logger;
  private final Level before;

  BootLogging() {
    this("dev.sluice", Level.WARN);
  }

  /** Sets logger {@code name} to {@code level} until closed. */
  BootLogging(String name, Level level) {
    logger = (Logger) LoggerFactory.getLogger(name);
    before = logger.getLevel();
    logger.setLevel(level);
  }

  @Override
  public void close() {
    logger.setLevel(before);
  }
}
