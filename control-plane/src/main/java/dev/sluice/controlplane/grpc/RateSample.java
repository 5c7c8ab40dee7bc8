package dev.sluice.controlplane.grpc;

import java.time.Duration;
import java.time.Instant;

/**
 * The throughput of one instance, computed from its counters at two reports at least {@link
 * #MIN_WINDOW} apart, so that a status report a few milliseconds after a heartbeat does not make
 * the rate jump.
 *
 * @param sampledAt when the counters below were reported
 * @param recordsIn the read counter then
 * @param recordsOut the write counter then
 * @param recordsInPerSec the read rate up to then, {@code null} until two samples exist
 * @param recordsOutPerSec the write rate up to then, {@code null} until two samples exist
 */
record RateSample(
    Instant sampledAt,
    long recordsIn,
    long recordsOut,
    Double recordsInPerSec,
    Double recordsOutPerSec) {

  /** The shortest time between two samples. */
  static final Duration MIN_WINDOW = Duration.ofSeconds(1);

  /**
   * The sample after a report of {@code recordsIn} and {@code recordsOut} at {@code now}.
   *
   * @param previous the sample of the same run of the instance (same worker and epoch), or {@code
   *     null} when this report starts a new run
   */
  static RateSample next(RateSample previous, long recordsIn, long recordsOut, Instant now) {
    if (previous == null || recordsIn < previous.recordsIn || recordsOut < previous.recordsOut) {
      return new RateSample(now, recordsIn, recordsOut, null, null);
    }
    Duration window = Duration.between(previous.sampledAt, now);
    if (window.compareTo(MIN_WINDOW) < 0) {
      return previous;
    }
    double seconds = window.toNanos() / 1e9;
    return new RateSample(now, recordsIn, recordsOut,
        (recordsIn - previous.recordsIn) / seconds, (recordsOut - previous.recordsOut) / seconds);
  }
}
