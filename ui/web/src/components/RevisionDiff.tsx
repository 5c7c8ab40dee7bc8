/** The changed lines between two revisions' documents, with two lines of context around each change. */
import { structuredPatch } from "diff";

export function RevisionDiff({ from, to, label }: { from: string; to: string; label: string }) {
  const hunks = structuredPatch("revision", "current", from, to, "", "", { context: 2 }).hunks;
  return (
    <pre className="diff" aria-label={label}>
      {hunks.length === 0 && "(no differences)"}
      {hunks.map((hunk) => (
        <span key={hunk.oldStart}>
          <span className="hunk">{`@@ line ${hunk.newStart} @@\n`}</span>
          {hunk.lines.map((line, i) => (
            <span key={i} className={line.startsWith("+") ? "added" : line.startsWith("-") ? "removed" : undefined}>
              {`${line}\n`}
            </span>
          ))}
        </span>
      ))}
    </pre>
  );
}
