package dev.sluice.testkit;

import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Kafka's fatal paths from ending the host JVM while embedded brokers run.
 *
 * <p>Kafka's broker calls {@link Exit#exit} or {@link Exit#halt} when it meets a fault it cannot
 * handle, such as a failed log directory. In a standalone broker that ends the process; embedded in
 * {@code sluice dev} or a test run it would end everything else too. While at least one
 * {@link EmbeddedKafka} runs, both procedures are replaced by one that logs the attempt and throws, so
 * the faulting broker thread stops and the rest of the JVM keeps going. The last broker to close puts
 * Kafka's defaults back.
 *
 * <p>{@link Exit}'s procedures are JVM-wide, hence the reference count; all methods are synchronized.
 */
final class KafkaExitGuard {

  private static final Logger log = LoggerFactory.getLogger(KafkaExitGuard.class);

  private static int runningBrokers;

  private KafkaExitGuard() {
  }

  static synchronized void acquire() {
    if (runningBrokers++ == 0) {
      Exit.setExitProcedure((status, message) -> refuse("exit", status, message));
      Exit.setHaltProcedure((status, message) -> refuse("halt", status, message));
    }
  }

  static synchronized void release() {
    if (runningBrokers == 0) {
      throw new IllegalStateException("release() without a matching acquire()");
    }
    if (--runningBrokers == 0) {
      Exit.resetExitProcedure();
      Exit.resetHaltProcedure();
    }
  }

  private static void refuse(String procedure, int status, String message) {
    log.error("Embedded Kafka called Exit.{}({}) ({}); the JVM keeps running, the broker is likely unusable now",
        procedure, status, message);
    throw new IllegalStateException(
        "embedded Kafka broker tried to " + procedure + " the JVM with status " + status + ": " + message);
  }
}
