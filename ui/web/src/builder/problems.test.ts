import { describe, expect, it } from "vitest";
import { byNode, formErrors, place } from "./problems";

describe("placing validation problems", () => {
  it("finds the processor and field of a path", () => {
    expect(place("spec.pipeline.processors[1].mapping.expression")).toEqual({ node: "p1", field: "expression" });
    expect(place("spec.pipeline.processors[0].mapping")).toEqual({ node: "p0", field: null });
    expect(place("spec.input.generate.count")).toEqual({ node: "input", field: "count" });
    expect(place("spec.output")).toEqual({ node: "output", field: null });
    expect(place("metadata.name")).toEqual({ node: null, field: null });
  });

  it("groups problems by node and puts whole-component problems on the shorthand field", () => {
    const problems = [
      { path: "spec.pipeline.processors[0].mapping", message: "not an expression" },
      { path: "metadata.name", message: "not a DNS label" },
    ];
    expect([...byNode(problems).keys()]).toEqual(["p0", ""]);
    expect(formErrors([problems[0]], "expression")).toEqual({ expression: { __errors: ["not an expression"] } });
    expect(formErrors([problems[0]], undefined)).toEqual({ __errors: ["not an expression"] });
  });
});
