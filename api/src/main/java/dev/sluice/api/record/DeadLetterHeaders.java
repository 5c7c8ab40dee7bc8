package dev.sluice.api.record;

import java.util.List;

/**
 * Names of the Kafka headers that say why a record is in a stream's dead-letter topic ({@code
 * sluice.s.<namespace>.<name>.dlq}), and where a replayed record came from. The data plane writes
 * them, the control plane's DLQ routes read them, and users' own DLQ consumers may too, so they
 * never change. Every value is UTF-8 text.
 *
 * <p>A dead letter keeps the failed record's key, value and headers as they were read, and adds
 * the headers below; a replay removes them again and adds {@link #REPLAYED_FROM}.
 */
public final class DeadLetterHeaders {

  /**
   * The stage that failed: {@code decode}, {@code p<index>-<processor>} (such as {@code
   * p0-mapping}), {@code encode} or {@code output}.
   */
  public static final String STAGE = "sluice.error.stage";

  /** The Java class of the error. */
  public static final String ERROR_CLASS = "sluice.error.class";

  /** The error's message. */
  public static final String ERROR_MESSAGE = "sluice.error.message";

  /** When the record failed, as an ISO-8601 instant. */
  public static final String ERROR_TIME = "sluice.error.time";

  /** The topic the failed record was read from. */
  public static final String SOURCE_TOPIC = "sluice.source.topic";

  /** The partition the failed record was read from, in decimal. */
  public static final String SOURCE_PARTITION = "sluice.source.partition";

  /** The failed record's offset in its source partition, in decimal. */
  public static final String SOURCE_OFFSET = "sluice.source.offset";

  /**
   * On a record replayed from the dead-letter topic: its position there, as {@code
   * <partition>:<offset>}.
   */
  public static final String REPLAYED_FROM = "sluice.replayed-from";

  /** Every header a dead letter adds, in the order it adds them; a replay removes them. */
  public static final List<String> FAILURE = List.of(STAGE, ERROR_CLASS, ERROR_MESSAGE, ERROR_TIME,
      SOURCE_TOPIC, SOURCE_PARTITION, SOURCE_OFFSET);

  private DeadLetterHeaders() {}
}
