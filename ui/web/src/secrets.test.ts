import { describe, expect, it } from "vitest";
import { isLiteral, referencedSecret, secretReference } from "./secrets";

describe("secret references", () => {
  it("writes and reads back a reference", () => {
    expect(secretReference("db-password")).toBe("${secret:db-password}");
    expect(referencedSecret(secretReference("db-password"))).toBe("db-password");
  });

  it("answers no name for a literal, a partial reference or no value", () => {
    expect(referencedSecret("hunter2")).toBeNull();
    expect(referencedSecret("Bearer ${secret:token}")).toBeNull();
    expect(referencedSecret("${secret:token")).toBeNull();
    expect(referencedSecret(undefined)).toBeNull();
    expect(referencedSecret(42)).toBeNull();
  });

  it("answers a malformed name as written, for the picker to show", () => {
    expect(referencedSecret("${secret:Bad Name}")).toBe("Bad Name");
    expect(referencedSecret("${secret:}")).toBe("");
  });

  it("flags only a set value that is no reference as a literal", () => {
    expect(isLiteral("hunter2")).toBe(true);
    expect(isLiteral("${secret:db-password}")).toBe(false);
    expect(isLiteral("")).toBe(false);
    expect(isLiteral(undefined)).toBe(false);
  });
});
