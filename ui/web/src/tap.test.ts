import { describe, expect, it } from "vitest";
import { components, NEW_STREAM, parse, addProcessor } from "./builder/model";
import { isStage, nodeOf, pointOf, tappedLine, withPage, type Tapped } from "./tap";

function tapped(offset: number): Tapped {
  return { partition: 0, offset, timestamp: "2026-12-07T10:00:00Z", value: { n: offset } };
}

describe("tap points", () => {
  it("names each component's point as the control plane does", () => {
    const doc = parse(NEW_STREAM);
    addProcessor(doc, "mapping", "a");
    addProcessor(doc, "window", { type: "tumbling", size: "1m" });
    expect(components(doc).map(pointOf)).toEqual(["input", "p0-mapping", "p1-window", "output"]);
  });

  it("finds the graph node of a point, and none for dead letters", () => {
    expect(nodeOf("p2-window")).toBe("p2");
    expect(nodeOf("input")).toBe("input");
    expect(nodeOf("output")).toBe("output");
    expect(nodeOf("dead-letters")).toBeNull();
  });

  it("tells a processor's stage, which is sampled, from the ends", () => {
    expect(isStage("p0-mapping")).toBe(true);
    expect(isStage("p12-json_schema")).toBe(true);
    expect(isStage("input")).toBe(false);
    expect(isStage("dead-letters")).toBe(false);
  });

  it("keeps each point's newest records first, apart from the others'", () => {
    let kept = withPage(new Map(), "p0-mapping", [tapped(1), tapped(2)], 3);
    kept = withPage(kept, "output", [tapped(7)], 3);
    kept = withPage(kept, "p0-mapping", [tapped(3), tapped(4)], 3);
    expect(kept.get("p0-mapping")!.map((t) => t.offset)).toEqual([4, 3, 2]);
    expect(kept.get("output")!.map((t) => t.offset)).toEqual([7]);
  });

  it("prints a record's place, value and headers on one line", () => {
    expect(tappedLine(tapped(5))).toBe('0:5 {"n":5}');
    expect(tappedLine({ ...tapped(6), headers: [{ name: "trace", value: "abc" }, { name: "auth", value: "[redacted]" }] }))
      .toBe('0:6 {"n":6}  headers trace=abc, auth=[redacted]');
    expect(tappedLine({ ...tapped(7), value: undefined, headers: [] })).toBe("0:7 ");
  });
});
