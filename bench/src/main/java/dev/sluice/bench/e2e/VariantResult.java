package dev.sluice.bench.e2e;

import org.HdrHistogram.Histogram;

/**
 * What one variant achieved in one round.
 *
 * @param round the round, from 1
 * @param outputs records written to the output topic by the throughput run
 * @param seconds from the first to the last output record's append time
 * @param latency end-to-end latency in milliseconds during the paced run; empty when there was
 *     none
 * @param othersCpu the share of the machine's CPUs other processes used during the throughput run
 *     (see {@link MachineLoad}); NaN when unknown
 */
record VariantResult(Variant variant, int round, long outputs, double seconds, Histogram latency,
    double othersCpu) {

  double recordsPerSecond() {
    return seconds > 0 ? outputs / seconds : Double.NaN;
  }

  double latencyMillis(double percentile) {
    return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile);
  }
}
