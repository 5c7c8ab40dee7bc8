package dev.sluice.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finding free TCP ports and checking that a fixed one is free, before a server binds it. */
final class Ports {

  private Ports() {
  }

  /** Returns {@code port} when it is a TCP port number (0 meaning any free one). */
  static int requireValid(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("not a TCP port: " + port);
    }
    return port;
  }

  /**
   * Returns a port that was free a moment ago. Another process may take it before the caller binds it;
   * the window is small enough for tests and a developer machine.
   */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free TCP port on the loopback interface", e);
    }
  }

  /**
   * Checks that {@code port} can be bound on all interfaces, which also detects a listener bound to
   * loopback only.
   *
   * @throws PortInUseException naming {@code component} and the port when it cannot be bound
   */
  static void requireFree(int port, String component) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
    } catch (IOException e) {
      throw new PortInUseException(component, port, e);
    }
  }

  /** Whether {@code port} can be bound on all interfaces right now. */
  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
