/**
 * A live tap: follows the records passing one point of a stream (GET .../tap with a cursor),
 * newest first. The points come from GET .../tap/points: input, each processor's stage, output
 * and dead letters. Each point keeps its own records, so switching back shows what it had.
 */
import { useEffect, useState } from "react";
import { api, describe } from "../api";
import { isStage, tappedLine, withPage, type Tapped, type TapPoint } from "../tap";
import type { Items } from "../views";

const KEEP = 20;
const WAIT_SECONDS = 5;

export function LiveTap({ path, version, at, onAt }: {
  path: string;
  version?: number;
  at: string;
  onAt: (point: string) => void;
}) {
  const [points, setPoints] = useState<TapPoint[]>([]);
  const [running, setRunning] = useState(false);
  const [kept, setKept] = useState<ReadonlyMap<string, Tapped[]>>(new Map());
  const [error, setError] = useState<string | null>(null);

  // The stages change with the stream's processors: list them again for each new version.
  useEffect(() => {
    api<Items<TapPoint>>("GET", `${path}/tap/points`)
      .then((p) => setPoints(p.items))
      .catch((e) => setError(describe(e)));
  }, [path, version]);

  useEffect(() => {
    if (!running) {
      return;
    }
    let active = true;
    let cursor = "";
    (async () => {
      while (active) {
        try {
          const page = await api<{ items: Tapped[]; next: string }>(
            "GET",
            `${path}/tap?at=${encodeURIComponent(at)}&limit=${KEEP}&wait=${WAIT_SECONDS}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
          );
          cursor = page.next;
          if (active && page.items.length) {
            setKept((old) => withPage(old, at, page.items, KEEP));
          }
        } catch (e) {
          setError(describe(e));
          setRunning(false);
          return;
        }
      }
    })();
    return () => {
      active = false;
    };
  }, [running, at, path]);

  const records = kept.get(at) ?? [];
  const known = points.some((p) => p.point === at);
  return (
    <section aria-label="Tap" id="tap">
      <h2>Tap</h2>
      <label htmlFor="tap-at">Point</label>{" "}
      <select id="tap-at" value={at} onChange={(e) => onAt(e.target.value)}>
        {!known && <option value={at}>{at}</option>}
        {points.map((p) => (
          <option key={p.point} value={p.point}>
            {p.label}
          </option>
        ))}
      </select>{" "}
      <button
        type="button"
        onClick={() => {
          setError(null);
          setKept(new Map());
          setRunning(!running);
        }}
      >
        {running ? "Stop tap" : "Start tap"}
      </button>
      <p className="hint" id="tap-note">
        {isStage(at)
          ? "A processor's stage is sampled: the worker passes on a few of its records each second, with secret values redacted. These are samples, not every record."
          : `Input, output and dead letters show every record that passes (the newest ${KEEP}). Click a node of the graph, or choose a point, to tap a processor's stage.`}
      </p>
      {error && <p role="alert" className="error">{error}</p>}
      {(running || records.length > 0) && (
        <pre aria-label="Tapped records" aria-describedby="tap-note">
          {records.map(tappedLine).join("\n") || (isStage(at) ? "(waiting for a sample…)" : "(waiting for records…)")}
        </pre>
      )}
    </section>
  );
}
