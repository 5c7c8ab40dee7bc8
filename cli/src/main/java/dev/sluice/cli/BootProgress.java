package dev.sluice.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/** Numbered boot steps with their duration: {@code [2/4] Postgres ... ready in 1.2 s (port 15432)}. */
final class BootProgress {

  private final PrintWriter out;
  private final int steps;
  private int step;

  BootProgress(PrintWriter out, int steps) {
    this.out = out;
    this.steps = steps;
  }

  /** Runs one step, printing its name first and then how long it took and what it reports. */
  <T> T step(String name, Supplier<T> work, Function<T, String> report) {
    step++;
    out.printf("[%d/%d] %-13s ... ", step, steps, name);
    out.flush();
    long started = System.nanoTime();
    T result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      out.println("failed");
      out.flush();
      throw e;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf(Locale.ROOT, "ready in %.1f s (%s)%n", seconds, report.apply(result));
    out.flush();
    return result;
  }
}
