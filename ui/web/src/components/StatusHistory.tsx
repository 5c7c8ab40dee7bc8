/**
 * A stream's history: the changes people made and what its instances did, newest first; refreshed
 * every 5 s and at once when the stream's resource version changes.
 */
import { api } from "../api";
import { historyLines, type HistoryEntry } from "../history";
import { usePolling } from "../usePolling";
import type { Items } from "../views";

export function StatusHistory({ path, version }: { path: string; version?: number }) {
  const history = usePolling(() => api<Items<HistoryEntry>>("GET", `${path}/history?limit=50`), 5000, [path, version]);
  const entries = history.data?.items ?? [];
  const lines = historyLines(entries);
  return (
    <section aria-label="History">
      <h2>History</h2>
      {history.error && <p role="alert" className="error">{history.error}</p>}
      {history.data && entries.length === 0 && <p>Nothing has happened to this stream yet.</p>}
      {entries.length > 0 && (
        <div className="history">
        <table>
          <caption className="sr-only">What happened to the stream, newest first</caption>
          <thead>
            <tr>
              <th>When</th>
              <th>What</th>
              <th>By or on</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={`${e.at}-${i}`} className={lines[i].failed ? "error" : ""}>
                <td>{new Date(e.at).toLocaleString()}</td>
                <td>{lines[i].what}</td>
                <td>{lines[i].who}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}
