/** Dead letters of a stream (GET .../dlq): each with its failure and value; select some and replay them. */
import { useState } from "react";
import { api, describe } from "../api";
import { show } from "../format";
import type { Items } from "../views";

interface DeadLetter {
  position: string;
  timestamp: string;
  value?: unknown;
  error: { stage: string | null; message: string | null };
  replayed: { topic: string; offset: number; by: string } | null;
}

interface ReplayAnswer {
  summary: string;
  skipped: { position: string; reason: string }[];
}

export function DeadLetters({ path, writer }: { path: string; writer: boolean }) {
  const [letters, setLetters] = useState<DeadLetter[] | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [outcome, setOutcome] = useState<ReplayAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function load() {
    setError(null);
    try {
      setLetters((await api<Items<DeadLetter>>("GET", `${path}/dlq`)).items);
    } catch (e) {
      setError(describe(e));
    }
  }

  async function replay() {
    setError(null);
    try {
      setOutcome(await api<ReplayAnswer>("POST", `${path}/dlq/replay`, { records: [...selected] }));
      setSelected(new Set());
      await load();
    } catch (e) {
      setError(describe(e));
    }
  }

  function toggle(position: string, on: boolean) {
    const next = new Set(selected);
    if (on) {
      next.add(position);
    } else {
      next.delete(position);
    }
    setSelected(next);
  }

  return (
    <section aria-label="Dead letters">
      <h2>Dead letters</h2>
      <div className="row">
        <button type="button" onClick={load}>
          {letters ? "Reload dead letters" : "Load dead letters"}
        </button>
        {writer && letters && letters.length > 0 && (
          <button type="button" disabled={selected.size === 0} onClick={replay}>
            Replay selected ({selected.size})
          </button>
        )}
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {outcome && (
        <div role="status" aria-label="Replay outcome">
          <p>{outcome.summary}</p>
          {outcome.skipped.length > 0 && (
            <ul>
              {outcome.skipped.map((s) => (
                <li key={s.position} className="error">{s.position}: {s.reason}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {letters && letters.length === 0 && <p>No dead letters: every record so far went through.</p>}
      {letters && letters.length > 0 && (
        <ul className="dead-letters" aria-label="Dead letter list">
          {letters.map((l) => (
            <li key={l.position}>
              <label>
                {writer && !l.replayed && (
                  <input type="checkbox" checked={selected.has(l.position)} onChange={(e) => toggle(l.position, e.target.checked)} aria-label={`Select dead letter ${l.position}`} />
                )}{" "}
                <code>{l.position}</code> · {l.error.stage ?? "?"}: {l.error.message ?? "no message"}
              </label>
              <div className="hint">
                value <code>{show(l.value)}</code>
                {l.replayed ? ` · replayed to ${l.replayed.topic} at offset ${l.replayed.offset} by ${l.replayed.by}` : ""}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
