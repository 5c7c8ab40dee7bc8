package dev.sluice.dataplane.worker;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * How far a consumer is behind the end of the partitions it holds, read from the consumer's own
 * {@code records-lag} metrics: local to this instance and free, unlike asking the group
 * coordinator.
 */
final class FetchLag {

  private static final String GROUP = "consumer-fetch-manager-metrics";

  private FetchLag() {}

  /**
   * Records waiting in the partitions the consumers behind {@code metrics} hold, or -1 before they
   * have fetched anything. Restore consumers (state store changelogs) are left out.
   */
  static long of(Map<MetricName, ? extends Metric> metrics) {
    long lag = -1;
    for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
      MetricName name = e.getKey();
      if (!name.group().equals(GROUP) || !name.name().equals("records-lag")
          || !name.tags().containsKey("partition")
          || name.tags().getOrDefault("client-id", "").endsWith("restore-consumer")) {
        continue;
      }
      if (e.getValue().metricValue() instanceof Number n && !Double.isNaN(n.doubleValue())) {
        lag = Math.max(lag, 0) + n.longValue();
      }
    }
    return lag;
  }
}
