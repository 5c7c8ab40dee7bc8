package dev.sluice.connectors.generate;

import java.time.Duration;

/** Waits; tests substitute one that moves a fake clock instead. */
@FunctionalInterface
interface Sleeper {

  /** The system's: {@link Thread#sleep(Duration)}. */
  Sleeper SYSTEM = Thread::sleep;

  void sleep(Duration duration) throws InterruptedException;
}
