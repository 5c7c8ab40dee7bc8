package dev.sluice.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * How much CPU other processes took while a variant was measured: the machine's busy CPU time
 * (from {@code /proc/stat}) less that of this JVM and its children (the broker's JVM), as a share
 * of all CPUs over the same wall time. Builds and tests on a shared machine show up here, so a
 * disturbed measurement can be told from a slow one. Linux only; elsewhere the share is NaN.
 */
final class MachineLoad {

  private static final Path STAT = Path.of("/proc/stat");
  /** {@code USER_HZ}: the unit of {@code /proc/stat}, 100 on every Linux. */
  private static final double TICKS_PER_SECOND = 100;

  private MachineLoad() {}

  /** The counters at one moment. */
  record Sample(long wallNanos, double busySeconds, double ownSeconds) {

    /** The share of all CPUs other processes used from {@code this} to {@code later}, 0 to 1. */
    double othersShareUntil(Sample later) {
      double wall = (later.wallNanos - wallNanos) / 1e9;
      double others = (later.busySeconds - busySeconds) - (later.ownSeconds - ownSeconds);
      return wall > 0 ? Math.max(0, others) / (wall * Runtime.getRuntime().availableProcessors()) : Double.NaN;
    }
  }

  static Sample sample() {
    return new Sample(System.nanoTime(), busySeconds(), ownSeconds());
  }

  /** Busy CPU time of the whole machine: the {@code cpu} line of /proc/stat less idle and iowait. */
  private static double busySeconds() {
    try (Stream<String> lines = Files.lines(STAT)) {
      String[] f = lines.findFirst().orElse("").trim().split("\\s+");
      long busy = 0;
      // cpu user nice system idle iowait irq softirq steal
      for (int i = 1; i <= 8 && i < f.length; i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(f[i]);
        }
      }
      return busy / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static double ownSeconds() {
    return Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
        .mapToDouble(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9)
        .sum();
  }
}
