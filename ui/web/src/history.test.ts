import { describe, expect, it } from "vitest";
import { historyLines, type HistoryEntry } from "./history";

const at = "2026-12-07T23:00:00Z";

describe("a stream's history in words", () => {
  it("names changes by action with their revisions and actor", () => {
    const entries: HistoryEntry[] = [
      { at, kind: "change", action: "stream.rollback", actor: "ann", detail: { revision: 4, restoredRevision: 1 } },
      { at, kind: "change", action: "stream.dlq.replay", actor: "ann", detail: { replayed: 1 } },
      { at, kind: "change", action: "stream.update", actor: "bob", detail: { revision: 2, state: "active", valid: true } },
      { at, kind: "change", action: "stream.something-new", actor: "bob" },
    ];
    expect(historyLines(entries).map((l) => l.what)).toEqual([
      "Rolled back to revision 1 (as revision 4)",
      "Replayed 1 dead letter",
      "Saved revision 2 (active)",
      "stream.something-new",
    ]);
    expect(historyLines(entries)[2].who).toBe("bob");
  });

  it("shows an instance's failure with its error, and running again after it as recovered", () => {
    const entries: HistoryEntry[] = [
      { at, kind: "instance", instance: 0, state: "running", worker: "w1", epoch: 2 },
      { at, kind: "instance", instance: 1, state: "running", worker: "w2", epoch: 1 },
      { at, kind: "instance", instance: 0, state: "failed", worker: "w1", epoch: 2, error: "topic missing" },
      { at, kind: "instance", instance: 0, state: "running", worker: "w1", epoch: 2 },
    ];
    const lines = historyLines(entries);
    expect(lines.map((l) => l.what)).toEqual([
      "Instance 0 recovered (running)",
      "Instance 1 running",
      "Instance 0 failed: topic missing",
      "Instance 0 running",
    ]);
    expect(lines.map((l) => l.failed)).toEqual([false, false, true, false]);
    expect(lines[2].who).toBe("w1, epoch 2");
  });
});
