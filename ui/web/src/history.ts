/** A stream's history (GET .../history) in words: what happened, and whether it went wrong. */

/** One entry as the control plane answers it: a change someone made, or an instance's new state. */
export interface HistoryEntry {
  at: string;
  kind: "change" | "instance";
  action?: string;
  actor?: string;
  detail?: Record<string, unknown>;
  instance?: number;
  state?: string;
  worker?: string;
  epoch?: number;
  error?: string | null;
}

/** What a history line says, and whether it reports a failure. */
export interface HistoryLine {
  what: string;
  who: string;
  failed: boolean;
}

const CHANGES: Record<string, (d: Record<string, unknown>) => string> = {
  "stream.create": (d) => `Created (revision ${d.revision}, ${d.state})`,
  "stream.update": (d) => `Saved revision ${d.revision} (${d.state}${d.valid === false ? ", invalid" : ""})`,
  "stream.pause": () => "Paused",
  "stream.resume": () => "Resumed",
  "stream.rollback": (d) => `Rolled back to revision ${d.restoredRevision} (as revision ${d.revision})`,
  "stream.delete": () => "Deleted",
  "stream.dlq.replay": (d) => `Replayed ${d.replayed} dead letter${d.replayed === 1 ? "" : "s"}`,
};

/**
 * Describes each entry of a history that is ordered newest first. An instance running again after
 * it failed shows as recovered.
 */
export function historyLines(entries: HistoryEntry[]): HistoryLine[] {
  return entries.map((e, index) => {
    if (e.kind === "change") {
      const describeChange = CHANGES[e.action ?? ""];
      return { what: describeChange ? describeChange(e.detail ?? {}) : e.action ?? "changed", who: e.actor ?? "", failed: false };
    }
    const earlier = entries.slice(index + 1).find((o) => o.kind === "instance" && o.instance === e.instance);
    const recovered = e.state === "running" && earlier?.state === "failed";
    const what = `Instance ${e.instance} ${recovered ? "recovered (running)" : e.state}${e.error ? `: ${e.error}` : ""}`;
    return { what, who: `${e.worker ?? "?"}, epoch ${e.epoch}`, failed: e.state === "failed" };
  });
}
