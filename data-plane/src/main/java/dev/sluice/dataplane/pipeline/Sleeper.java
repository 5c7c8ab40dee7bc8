package dev.sluice.dataplane.pipeline;

import java.time.Duration;

/** Waits between tries of a failed record; tests replace it to record the waits. */
@FunctionalInterface
public interface Sleeper {

  void sleep(Duration duration) throws InterruptedException;
}
