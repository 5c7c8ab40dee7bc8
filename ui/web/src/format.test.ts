import { describe, expect, it } from "vitest";
import { show } from "./format";

describe("showing a record's value", () => {
  it("prints text as it is and anything else as JSON", () => {
    expect(show("plain text")).toBe("plain text");
    expect(show({ n: 1, double: 2 })).toBe('{"n":1,"double":2}');
    expect(show(null)).toBe("null");
  });
});
