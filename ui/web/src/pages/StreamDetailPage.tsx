/** Stream detail: graph, status, YAML, revisions with diff and rollback, dead letters with replay, and a live tap. */
import { useMemo, useState } from "react";
import { Link } from "wouter";
import { api, describe, streamPath } from "../api";
import { usePolling } from "../usePolling";
import { YamlEditor } from "../components/YamlEditor";
import { RevisionDiff } from "../components/RevisionDiff";
import { LiveTap } from "../components/LiveTap";
import { PipelineGraph } from "../builder/PipelineGraph";
import { components, parse } from "../builder/model";
import type { Items, Revision, StreamStatus, StreamSummary } from "../views";

interface DeadLetter {
  position: string;
  timestamp: string;
  value?: string;
  error: { stage: string | null; message: string | null };
  replayed: unknown;
}

const NO_PROBLEMS = new Map<string, number>();

export function StreamDetailPage({ namespace, name, writer }: { namespace: string; name: string; writer: boolean }) {
  const path = streamPath(namespace, name);
  const stream = usePolling(() => api<StreamSummary>("GET", path), 5000, [path]);
  const status = usePolling(() => api<StreamStatus>("GET", `${path}/status`), 2000, [path]);
  const revisions = usePolling(() => api<Items<Revision>>("GET", `${path}/revisions`), 5000, [path]);
  const [diff, setDiff] = useState<{ revision: number; document: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [letters, setLetters] = useState<DeadLetter[] | null>(null);

  async function act(what: string, run: () => Promise<unknown>) {
    setMessage(null);
    try {
      await run();
      setMessage(what);
      stream.refresh();
      revisions.refresh();
      status.refresh();
    } catch (e) {
      setMessage(`Failed: ${describe(e)}`);
    }
  }

  const s = stream.data;
  const st = status.data;
  const graph = useMemo(() => (s?.document ? components(parse(s.document)) : []), [s?.document]);
  return (
    <section>
      <h1>
        {namespace}/{name}
      </h1>
      {stream.error && <p role="alert" className="error">{stream.error}</p>}
      {message && <p role="status">{message}</p>}
      {s && (
        <div className="row">
          <span>
            Desired: <strong>{s.state}</strong>, version {s.resourceVersion}
          </span>
          {writer && <Link href={`${path}/edit`}>Edit in the builder</Link>}
          {writer && s.state === "active" && <button type="button" onClick={() => act("Paused", () => api("POST", `${path}/pause`))}>Pause</button>}
          {writer && s.state === "paused" && <button type="button" onClick={() => act("Resumed", () => api("POST", `${path}/resume`))}>Resume</button>}
        </div>
      )}
      {graph.length > 0 && <PipelineGraph components={graph} selected={null} problemCounts={NO_PROBLEMS} />}
      <section aria-label="Status">
        <h2>Status</h2>
        {status.error && <p className="error">{status.error}</p>}
        {st && (
          <>
            <p>
              Observed: <strong className={`state-${st.state}`}>{st.state}</strong> · in {st.recordsIn ?? 0} · out {st.recordsOut ?? 0} · {(st.recordsInPerSec ?? 0).toFixed(1)} records/s · errors {st.errors ?? 0} · dead-lettered {st.deadLettered ?? 0}
            </p>
            {st.error && <p className="error">{st.error}</p>}
            <ul>
              {st.instances.map((i) => (
                <li key={i.instance}>
                  instance {i.instance} on {i.worker}: {i.state}
                  {i.error ? ` — ${i.error}` : ""}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <div className="columns">
        <div className="column">
          <h2>YAML</h2>
          {s?.document !== undefined && <YamlEditor value={s.document} label="Stream YAML (read-only)" readOnly />}
        </div>
        <div className="column">
          <section aria-label="Revisions">
            <h2>Revisions</h2>
            <table>
              <thead>
                <tr>
                  <th>Revision</th>
                  <th>State</th>
                  <th>By</th>
                  <th>At</th>
                  <th>Actions</th>
                </tr>
              </thead>
              <tbody>
                {(revisions.data?.items ?? []).map((r) => (
                  <tr key={r.revision} aria-label={`revision ${r.revision}`}>
                    <td>{r.revision}</td>
                    <td>{r.state}{r.valid ? "" : " (invalid)"}</td>
                    <td>{r.createdBy}</td>
                    <td>{new Date(r.createdAt).toLocaleString()}</td>
                    <td>
                      <button
                        type="button"
                        aria-label={`Diff revision ${r.revision} with current`}
                        onClick={() =>
                          api<Revision>("GET", `${path}/revisions/${r.revision}`)
                            .then((full) => setDiff({ revision: r.revision, document: full.document ?? "" }))
                            .catch((e) => setMessage(describe(e)))
                        }
                      >
                        Diff
                      </button>
                      {writer && (
                        <button type="button" aria-label={`Roll back to revision ${r.revision}`} onClick={() => act(`Rolled back to revision ${r.revision}`, () => api("POST", `${path}/rollback?to=${r.revision}`))}>
                          Roll back
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {diff && s?.document !== undefined && <RevisionDiff from={diff.document} to={s.document} label={`Changes from revision ${diff.revision} to the current document`} />}
          </section>
          <section aria-label="Dead letters">
            <h2>Dead letters</h2>
            <button type="button" onClick={() => api<Items<DeadLetter>>("GET", `${path}/dlq`).then((d) => setLetters(d.items)).catch((e) => setMessage(describe(e)))}>
              Load dead letters
            </button>
            {letters && letters.length === 0 && <p>No dead letters.</p>}
            {letters && letters.length > 0 && (
              <ul>
                {letters.map((l) => (
                  <li key={l.position}>
                    {l.position} · {l.error.stage}: {l.error.message} {l.replayed ? "(replayed)" : ""}
                    {writer && !l.replayed && (
                      <button type="button" aria-label={`Replay dead letter ${l.position}`} onClick={() => act(`Replayed ${l.position}`, () => api("POST", `${path}/dlq/replay`, { records: [l.position] }))}>
                        Replay
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <LiveTap path={path} />
        </div>
      </div>
    </section>
  );
}
