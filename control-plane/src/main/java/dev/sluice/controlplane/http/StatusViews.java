package dev.sluice.controlplane.http;

import dev.sluice.controlplane.scheduler.InstanceStatus;
import dev.sluice.controlplane.scheduler.StatusQueries;
import dev.sluice.controlplane.scheduler.StreamStatus;
import dev.sluice.controlplane.scheduler.WorkerView;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** JSON views of observed state: streams with their instances, and workers. */
final class StatusViews {

  private StatusViews() {}

  static Map<String, Object> stream(StreamStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("namespace", s.namespace());
    m.put("name", s.name());
    m.put("revision", s.revision());
    m.put("state", s.state().name().toLowerCase(Locale.ROOT));
    m.put("error", s.error());
    m.put("recordsIn", s.instances().stream().mapToLong(InstanceStatus::recordsIn).sum());
    m.put("recordsOut", s.instances().stream().mapToLong(InstanceStatus::recordsOut).sum());
    m.put("errors", s.instances().stream().mapToLong(InstanceStatus::errors).sum());
    m.put("deadLettered", s.instances().stream().mapToLong(InstanceStatus::deadLettered).sum());
    m.put("recordsInPerSec", s.recordsInPerSec());
    m.put("recordsOutPerSec", s.recordsOutPerSec());
    long[] lags = s.instances().stream().mapToLong(InstanceStatus::lag).filter(lag -> lag >= 0).toArray();
    m.put("lag", lags.length == 0 ? null : Arrays.stream(lags).sum());
    m.put("instances", s.instances().stream().map(StatusViews::instance).toList());
    return m;
  }

  /** The status of one existing stream as {@code status} reads it now, pending when nothing reported yet. */
  static Map<String, Object> current(StatusQueries status, String namespace, String name) {
    return status.status(namespace, name).map(StatusViews::stream).orElseGet(() -> pending(namespace, name));
  }

  /** The status of a stream nothing has reported on yet. */
  private static Map<String, Object> pending(String namespace, String name) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("namespace", namespace);
    m.put("name", name);
    m.put("state", "pending");
    m.put("instances", List.of());
    return m;
  }

  private static Map<String, Object> instance(InstanceStatus i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("instance", i.instance());
    m.put("worker", i.workerName());
    m.put("workerId", i.workerId());
    m.put("epoch", i.epoch());
    m.put("revision", i.revision());
    m.put("state", i.state().word());
    m.put("recordsIn", i.recordsIn());
    m.put("recordsOut", i.recordsOut());
    m.put("errors", i.errors());
    m.put("deadLettered", i.deadLettered());
    m.put("dropped", i.dropped());
    m.put("lag", i.lag());
    m.put("error", i.error());
    m.put("updatedAt", i.updatedAt() == null ? null : i.updatedAt().toString());
    m.put("recordsInPerSec", i.recordsInPerSec());
    m.put("recordsOutPerSec", i.recordsOutPerSec());
    return m;
  }

  static Map<String, Object> worker(WorkerView w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", w.id());
    m.put("name", w.name());
    m.put("host", w.host());
    m.put("version", w.version());
    m.put("capacity", w.capacity());
    m.put("instances", w.instances());
    m.put("components", w.components());
    m.put("cpuLoad", w.cpuLoad());
    m.put("memoryUsedBytes", w.memoryUsedBytes());
    m.put("memoryMaxBytes", w.memoryMaxBytes());
    m.put("lastHeartbeatAt", w.lastHeartbeatAt().toString());
    m.put("lastHeartbeatAgeMs", w.lastHeartbeatAge().toMillis());
    m.put("live", w.live());
    return m;
  }
}
