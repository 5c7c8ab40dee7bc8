package dev.sluice.dataplane.worker;

import java.nio.file.Path;
import java.util.Map;

/**
 * How a worker joins a Sluice cluster.
 *
 * @param controlPlane the control plane's gRPC address, {@code host:port}
 * @param name the worker's stable name (a StatefulSet pod name, a host name); a worker that
 *     registers again under the same name gets its identity back
 * @param joinToken the shared secret workers present to the control plane
 * @param capacity how many stream instances the worker is willing to run
 * @param stateDir where Kafka Streams keeps local state
 * @param host the address others know this worker by, for display
 * @param version the worker's Sluice version
 * @param metricsPort port of the worker's Prometheus {@code /metrics}; 0 picks a free one, -1 serves
 *     none
 * @param tls TLS to the control plane, or {@code null} for plaintext
 * @param componentSettings what components may ask the worker for, such as {@code ingest.port}
 *     ({@link dev.sluice.api.component.ComponentContext#workerSetting})
 */
public record WorkerConfig(
    String controlPlane, String name, String joinToken, int capacity, Path stateDir, String host, String version,
    int metricsPort, RegistryTls tls, Map<String, String> componentSettings) {

  public WorkerConfig {
    componentSettings = Map.copyOf(componentSettings);
  }
}
