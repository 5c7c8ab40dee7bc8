/** Workers: each registered worker's address, load, instances and heartbeat age, refreshed every 2 s. */
import { api } from "../api";
import { usePolling } from "../usePolling";
import type { Items, Worker } from "../views";

const MB = 1024 * 1024;

export function WorkersPage() {
  const { data, error } = usePolling(() => api<Items<Worker>>("GET", "/workers"), 2000, []);
  return (
    <section>
      <h1>Workers</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {data && data.items.length === 0 && <p>No worker has registered. Start one with <code>sluice worker</code>.</p>}
      {data && data.items.length > 0 && (
        <table>
          <caption className="sr-only">Registered workers</caption>
          <thead>
            <tr>
              <th>Name</th>
              <th>Address</th>
              <th>Version</th>
              <th>CPU</th>
              <th>Memory</th>
              <th>Instances</th>
              <th>Last heartbeat</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((w) => (
              <tr key={w.id} aria-label={`worker ${w.name}`}>
                <td>{w.name}</td>
                <td>{w.host}</td>
                <td>{w.version}</td>
                <td>{w.cpuLoad == null || w.cpuLoad < 0 ? "not reported" : `${Math.round(w.cpuLoad * 100)}%`}</td>
                <td>
                  {w.memoryUsedBytes == null || w.memoryMaxBytes == null
                    ? "not reported"
                    : `${Math.round(w.memoryUsedBytes / MB)} / ${Math.round(w.memoryMaxBytes / MB)} MB`}
                </td>
                <td>
                  {w.instances} of {w.capacity}
                </td>
                <td className={w.live ? "" : "error"}>
                  {(w.lastHeartbeatAgeMs / 1000).toFixed(1)} s ago{w.live ? "" : " (lease lapsed)"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
