/** A live tap: follows the records passing one point of a stream (GET .../tap with a cursor), newest first. */
import { useEffect, useState } from "react";
import { api, describe } from "../api";
import { show } from "../format";

interface Tapped {
  partition: number;
  offset: number;
  timestamp: string;
  value?: unknown;
}

const KEEP = 20;
const WAIT_SECONDS = 5;

export function LiveTap({ path }: { path: string }) {
  const [at, setAt] = useState("output");
  const [running, setRunning] = useState(false);
  const [records, setRecords] = useState<Tapped[]>([]);
  const [error, setError] = useState<string | null>(null);

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
            `${path}/tap?at=${at}&limit=${KEEP}&wait=${WAIT_SECONDS}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
          );
          cursor = page.next;
          if (active && page.items.length) {
            setRecords((old) => [...page.items.reverse(), ...old].slice(0, KEEP));
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

  return (
    <section aria-label="Tap">
      <h2>Tap</h2>
      <label htmlFor="tap-at">Point</label>{" "}
      <select id="tap-at" value={at} onChange={(e) => setAt(e.target.value)}>
        <option value="input">input</option>
        <option value="output">output</option>
        <option value="dead-letters">dead-letters</option>
      </select>{" "}
      <button
        type="button"
        onClick={() => {
          setError(null);
          setRecords([]);
          setRunning(!running);
        }}
      >
        {running ? "Stop tap" : "Start tap"}
      </button>
      {error && <p className="error">{error}</p>}
      {(running || records.length > 0) && (
        <pre aria-label="Tapped records">
          {records.map((t) => `${t.partition}:${t.offset} ${show(t.value ?? "")}`).join("\n") || "(waiting for records…)"}
        </pre>
      )}
    </section>
  );
}
