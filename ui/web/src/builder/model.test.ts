import { describe, expect, it } from "vitest";
import { addProcessor, components, formData, fromFormData, moveProcessor, NEW_STREAM, parse, removeProcessor, setComponent } from "./model";

describe("the builder's model of a stream document", () => {
  it("reads input, processors and output in pipeline order", () => {
    const doc = parse(NEW_STREAM);
    addProcessor(doc, "mapping", '{"n": n}');
    addProcessor(doc, "filter", "n > 1");
    expect(components(doc).map((c) => `${c.id}:${c.type}`)).toEqual(["input:generate", "p0:mapping", "p1:filter", "output:kafka"]);
    expect(components(doc)[1].config).toBe('{"n": n}');
  });

  it("keeps comments when a component changes", () => {
    const doc = parse(NEW_STREAM.replace("spec:", "# the pipeline\nspec:"));
    setComponent(doc, "output", 0, "kafka", { topic: "elsewhere" });
    const text = doc.toString();
    expect(text).toContain("# the pipeline");
    expect(text).toContain("topic: elsewhere");
    expect(parse(text).getIn(["metadata", "name"])).toBe("my-stream");
  });

  it("moves and removes processors", () => {
    const doc = parse(NEW_STREAM);
    addProcessor(doc, "mapping", "a");
    addProcessor(doc, "filter", "b");
    moveProcessor(doc, 1, -1);
    expect(components(doc).map((c) => c.type)).toEqual(["generate", "filter", "mapping", "kafka"]);
    moveProcessor(doc, 0, -1);
    expect(components(doc).map((c) => c.type)).toEqual(["generate", "filter", "mapping", "kafka"]);
    removeProcessor(doc, 0);
    expect(components(doc).map((c) => c.type)).toEqual(["generate", "mapping", "kafka"]);
  });

  it("turns a shorthand value into form data and back", () => {
    expect(formData("n * 2", "expression")).toEqual({ expression: "n * 2" });
    expect(formData({ topic: "t" }, undefined)).toEqual({ topic: "t" });
    expect(fromFormData({ expression: "n * 3" }, "expression", true)).toBe("n * 3");
    expect(fromFormData({ expression: "n * 3", other: undefined }, "expression", false)).toEqual({ expression: "n * 3" });
  });
});
