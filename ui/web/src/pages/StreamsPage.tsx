/** Streams: every stream the token may read, with observed state and throughput, refreshed every 2 s. */
import { useRef, useState } from "react";
import { Link } from "wouter";
import { api, streamPath } from "../api";
import { usePolling } from "../usePolling";
import { Sparkline } from "../components/Sparkline";
import type { Items, StreamStatus, StreamSummary } from "../views";

interface Row {
  stream: StreamSummary;
  status: StreamStatus;
}

const HISTORY = 30;

export function StreamsPage() {
  const [filter, setFilter] = useState("");
  const history = useRef(new Map<string, number[]>());
  const { data, error } = usePolling(
    async () => {
      const streams = await api<Items<StreamSummary>>("GET", "/streams");
      const rows: Row[] = await Promise.all(
        streams.items.map(async (stream) => ({ stream, status: await api<StreamStatus>("GET", `${streamPath(stream.namespace, stream.name)}/status`) })),
      );
      for (const row of rows) {
        const key = `${row.stream.namespace}/${row.stream.name}`;
        history.current.set(key, [...(history.current.get(key) ?? []), row.status.recordsInPerSec ?? 0].slice(-HISTORY));
      }
      return rows;
    },
    2000,
    [],
  );
  const needle = filter.trim().toLowerCase();
  const rows = (data ?? []).filter(
    ({ stream, status }) => !needle || `${stream.namespace}/${stream.name} ${stream.state} ${status.state}`.toLowerCase().includes(needle),
  );

  return (
    <section>
      <h1>Streams</h1>
      <label htmlFor="stream-filter">Filter</label>{" "}
      <input id="stream-filter" type="search" placeholder="name, namespace or state" value={filter} onChange={(e) => setFilter(e.target.value)} />
      {error && <p role="alert" className="error">{error}</p>}
      {data && data.length === 0 && (
        <p>
          No streams yet. Create one with <Link href="/builder">the builder</Link> or <code>sluice apply -f DIR</code>.
        </p>
      )}
      {data && data.length > 0 && (
        <table>
          <caption className="sr-only">Streams and their observed status</caption>
          <thead>
            <tr>
              <th>Stream</th>
              <th>Desired</th>
              <th>Observed</th>
              <th>Records in</th>
              <th>Records out</th>
              <th>Records/s</th>
              <th>Errors</th>
              <th>Workers</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ stream, status }) => {
              const key = `${stream.namespace}/${stream.name}`;
              return (
                <tr key={key} aria-label={`stream ${key}`}>
                  <td>
                    <Link href={streamPath(stream.namespace, stream.name)}>{key}</Link>
                  </td>
                  <td>{stream.state}</td>
                  <td className={`state-${status.state}`} title={status.error ?? undefined}>
                    {status.state}
                  </td>
                  <td data-label="records in">{status.recordsIn ?? 0}</td>
                  <td data-label="records out">{status.recordsOut ?? 0}</td>
                  <td>
                    {(status.recordsInPerSec ?? 0).toFixed(1)} <Sparkline values={history.current.get(key) ?? []} label={`records per second of ${key}`} />
                  </td>
                  <td>{(status.errors ?? 0) + (status.deadLettered ?? 0)}</td>
                  <td>{[...new Set(status.instances.map((i) => i.worker))].join(", ") || "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {data && data.length > 0 && rows.length === 0 && <p>No stream matches “{filter}”.</p>}
    </section>
  );
}
