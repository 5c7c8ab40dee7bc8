package dev.sluice.api.component;

import java.time.Duration;
import java.util.Objects;

/**
 * How Sluice gathers records for a sink's {@link SinkConnector#write}: it calls as soon as {@code
 * maxRecords} records are there, or {@code linger} after the first record of the batch arrived,
 * whichever comes first.
 *
 * @param maxRecords the most records in one batch, at least 1
 * @param linger how long to wait for a batch to fill; zero hands over whatever has arrived
 */
public record Batching(int maxRecords, Duration linger) {

  /** Whatever has arrived, up to 500 records, without waiting. */
  public static final Batching DEFAULT = new Batching(500, Duration.ZERO);

  public Batching {
    Objects.requireNonNull(linger, "linger");
    if (maxRecords < 1) {
      throw new IllegalArgumentException("maxRecords must be at least 1, got " + maxRecords);
    }
    if (linger.isNegative()) {
      throw new IllegalArgumentException("linger must not be negative, got " + linger);
    }
  }
}
