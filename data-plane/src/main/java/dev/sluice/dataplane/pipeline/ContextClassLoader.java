package dev.sluice.dataplane.pipeline;

/**
 * Runs a component's code with the component's own class loader as the thread's context class
 * loader, as plugins expect: libraries such as Jackson modules, JDBC drivers and Debezium find
 * their classes through it. A no-op for built-ins, whose loader already is the context's.
 */
final class ContextClassLoader {

  /** Work that may throw, like a processor call. */
  interface Work<T> {
    T run() throws Exception;
  }

  private ContextClassLoader() {}

  /** Runs {@code work} with {@code owner}'s class loader as the context class loader. */
  static <T> T of(Object owner, Work<T> work) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    ClassLoader own = owner.getClass().getClassLoader();
    if (own == previous) {
      return work.run();
    }
    thread.setContextClassLoader(own);
    try {
      return work.run();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
