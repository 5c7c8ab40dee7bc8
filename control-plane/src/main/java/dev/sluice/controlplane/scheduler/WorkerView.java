package dev.sluice.controlplane.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A registered worker as the REST layer shows it.
 *
 * @param id the worker id, stable across restarts under the same name
 * @param name the worker's stable name
 * @param host the host it runs on
 * @param version the Sluice version it runs
 * @param capacity how many instances it accepts; 0 means no limit
 * @param components the installed components, as {@code <kind>/<name>}
 * @param instances how many instances are assigned to it
 * @param cpuLoad process CPU load 0..1 from the last heartbeat, {@code null} before the first
 * @param memoryUsedBytes heap in use at the last heartbeat, {@code null} before the first
 * @param memoryMaxBytes maximum heap, {@code null} before the first heartbeat
 * @param lastHeartbeatAt when it last registered or heartbeat
 * @param lastHeartbeatAge how long ago that was, by the database's clock
 * @param live whether its lease is still valid
 */
public record WorkerView(
    String id,
    String name,
    String host,
    String version,
    int capacity,
    List<String> components,
    int instances,
    Double cpuLoad,
    Long memoryUsedBytes,
    Long memoryMaxBytes,
    Instant lastHeartbeatAt,
    Duration lastHeartbeatAge,
    boolean live) {}
