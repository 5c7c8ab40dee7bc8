/**
 * Stream detail: graph, status, YAML, revisions with diff and rollback, dead letters with replay,
 * and a live tap at any point; a click on a node of the graph taps it.
 */
import { useMemo, useState } from "react";
import { Link } from "wouter";
import { api, describe, streamPath } from "../api";
import { usePolling } from "../usePolling";
import { useStatusEvents } from "../useStatusEvents";
import { YamlEditor } from "../components/YamlEditor";
import { RevisionDiff } from "../components/RevisionDiff";
import { LiveTap } from "../components/LiveTap";
import { DeadLetters } from "../components/DeadLetters";
import { StatusHistory } from "../components/StatusHistory";
import { PipelineGraph } from "../builder/PipelineGraph";
import { components, parse } from "../builder/model";
import { nodeOf, pointOf } from "../tap";
import type { Items, Revision, StreamSummary } from "../views";

const NO_PROBLEMS = new Map<string, number>();

export function StreamDetailPage({ namespace, name, writer }: { namespace: string; name: string; writer: boolean }) {
  const path = streamPath(namespace, name);
  const stream = usePolling(() => api<StreamSummary>("GET", path), 5000, [path]);
  const status = useStatusEvents(path);
  const revisions = usePolling(() => api<Items<Revision>>("GET", `${path}/revisions`), 5000, [path]);
  const [diff, setDiff] = useState<{ revision: number; document: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [tapAt, setTapAt] = useState("output");

  async function act(what: string, run: () => Promise<unknown>) {
    setMessage(null);
    try {
      await run();
      setMessage(what);
      stream.refresh();
      revisions.refresh();
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
      {graph.length > 0 && (
        <PipelineGraph
          components={graph}
          selected={nodeOf(tapAt)}
          problemCounts={NO_PROBLEMS}
          onSelect={(id) => {
            const component = graph.find((c) => c.id === id);
            if (component) {
              setTapAt(pointOf(component));
            }
          }}
        />
      )}
      <section aria-label="Status">
        <h2>
          Status <span className={status.live ? "live" : "muted"}>{status.live ? "● live" : "connecting…"}</span>
        </h2>
        {status.error && <p role="alert" className="error">{status.error}</p>}
        {st && (
          <>
            <p>
              Observed: <strong className={`state-${st.state}`}>{st.state}</strong>
            </p>
            <dl className="figures" aria-label="Live figures">
              <div><dt>records/s in</dt><dd>{(st.recordsInPerSec ?? 0).toFixed(1)}</dd></div>
              <div><dt>records/s out</dt><dd>{(st.recordsOutPerSec ?? 0).toFixed(1)}</dd></div>
              <div><dt>in</dt><dd data-figure="in">{st.recordsIn ?? 0}</dd></div>
              <div><dt>out</dt><dd data-figure="out">{st.recordsOut ?? 0}</dd></div>
              <div><dt>errors</dt><dd data-figure="errors">{st.errors ?? 0}</dd></div>
              <div><dt>dead-lettered</dt><dd data-figure="dead-lettered">{st.deadLettered ?? 0}</dd></div>
              <div><dt>lag</dt><dd data-figure="lag" title={st.lag == null ? "no instance reported its lag yet" : undefined}>{st.lag ?? "—"}</dd></div>
            </dl>
            {st.error && <p className="error">{st.error}</p>}
            <ul>
              {st.instances.map((i) => (
                <li key={i.instance}>
                  instance {i.instance} on {i.worker ?? "no worker yet"}: {i.state}
                  {i.error ? ` — ${i.error}` : ""}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <StatusHistory path={path} version={s?.resourceVersion} />
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
          <DeadLetters path={path} writer={writer} />
          <LiveTap path={path} version={s?.resourceVersion} at={tapAt} onAt={setTapAt} />
        </div>
      </div>
    </section>
  );
}
