package dev.sluice.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code sluice worker} in a JVM of its own, on the test's class path, so that a test can
 * kill it with SIGKILL; its output goes to {@code <state>/<name>.log}.
 */
final class WorkerProcess {

  private WorkerProcess() {}

  /**
   * A worker named {@code name} joining the control plane at {@code grpcPort}, with its state
   * under {@code state} and any further options in {@code extra}.
   */
  static Process start(int grpcPort, String joinToken, Path state, String name, String... extra) throws IOException {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), SluiceCommand.class.getName(),
        "worker", "--control-plane", "127.0.0.1:" + grpcPort, "--name", name, "--metrics-port", "0",
        "--join-token", joinToken, "--state-dir", state.resolve(name).toString()));
    command.addAll(List.of(extra));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(state.resolve(name + ".log").toFile())
        .start();
  }
}
