/** "Test": runs the document's processors on sample records (POST /api/v1/test) and shows each step's output. */
import { useState } from "react";
import { api, ApiFailure, describe } from "../api";
import { show } from "../format";

interface TestResult {
  output: { key: unknown; value: unknown }[];
  steps: Record<string, unknown[]>;
  deadLetters: { stage: string; error: string }[];
  failure: string | null;
}

const SAMPLE = '{"n": 1}\n{"n": 2}';

/** A line that is JSON is sent as that value; any other line as text. */
function parseOrText(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return line;
  }
}

export function TestPanel({ document }: { document: string }) {
  const [samples, setSamples] = useState(SAMPLE);
  const [result, setResult] = useState<TestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    setError(null);
    try {
      const input = samples.split("\n").filter((l) => l.trim() !== "").map((line) => ({ value: parseOrText(line) }));
      setResult(await api<TestResult>("POST", "/test", { document, input }));
    } catch (e) {
      setResult(null);
      setError(e instanceof ApiFailure && e.problems.length ? `${e.detail}: ${e.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}` : describe(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="test-panel" aria-label="Test with sample data">
      <h2>Test with sample data</h2>
      <label htmlFor="samples">Sample records (one JSON value per line)</label>
      <textarea id="samples" rows={3} value={samples} onChange={(e) => setSamples(e.target.value)} />
      <button type="button" onClick={run} disabled={busy}>
        Test
      </button>
      {error && <p role="alert" className="error">{error}</p>}
      {result && (
        <div className="test-result">
          {Object.entries(result.steps).map(([stage, values]) => (
            <section key={stage} aria-label={`after ${stage}`}>
              <h3>After {stage}</h3>
              <pre>{values.map(show).join("\n") || "(nothing passed this step)"}</pre>
            </section>
          ))}
          <section aria-label="Test output">
            <h3>Output</h3>
            <pre>{result.output.map((r) => show(r.value)).join("\n") || "(no output)"}</pre>
          </section>
          {result.deadLetters.length > 0 && (
            <section aria-label="Dead letters of the test">
              <h3>Dead letters</h3>
              <pre>{result.deadLetters.map((d) => `${d.stage}: ${d.error}`).join("\n")}</pre>
            </section>
          )}
          {result.failure && <p className="error">{result.failure}</p>}
        </div>
      )}
    </section>
  );
}
