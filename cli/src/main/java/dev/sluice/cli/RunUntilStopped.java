package dev.sluice.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/** Keeps a long-running command alive until Ctrl-C or SIGTERM, then stops it cleanly. */
final class RunUntilStopped {

  private RunUntilStopped() {}

  /** Blocks until the JVM is asked to stop; {@code stop} runs first, then the JVM exits. */
  static void await(PrintWriter out, String stoppedMessage, AutoCloseable stop) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      out.println();
      out.println("Stopping...");
      out.flush();
      try {
        stop.close();
      } catch (Exception e) {
        out.println("sluice: could not stop cleanly: " + e.getMessage());
      }
      out.println(stoppedMessage);
      out.flush();
      stopped.countDown();
    }, "sluice-shutdown"));
    stopped.await();
  }
}
