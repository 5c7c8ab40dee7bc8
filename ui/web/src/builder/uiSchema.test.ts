import { describe, expect, it } from "vitest";
import { SECRET_WIDGET, uiSchema } from "./uiSchema";

describe("the form's UI schema", () => {
  it("gives expressions a text area and leaves plain fields alone", () => {
    const ui = uiSchema({
      type: "object",
      properties: { expression: { type: "string", "x-sluice-type": "expression" }, topic: { type: "string" }, rate: { type: "integer" } },
    });
    expect(ui.expression).toEqual({ "ui:widget": "textarea", "ui:options": { rows: 2 } });
    expect(ui).not.toHaveProperty("topic");
    expect(ui).not.toHaveProperty("rate");
    expect(ui["ui:submitButtonOptions"]).toEqual({ norender: true });
  });

  it("puts the secret picker on secret text fields, nested ones too", () => {
    const ui = uiSchema({
      type: "object",
      properties: {
        token: { type: "string", writeOnly: true },
        sasl: {
          type: "object",
          properties: { username: { type: "string" }, password: { type: "string", writeOnly: true }, mechanism: { type: "string", enum: ["PLAIN"] } },
        },
      },
    });
    expect(ui.token).toEqual({ "ui:widget": SECRET_WIDGET });
    expect(ui.sasl).toEqual({ password: { "ui:widget": SECRET_WIDGET } });
  });

  it("puts it on each value of a secret map or list", () => {
    const ui = uiSchema({
      type: "object",
      properties: {
        headers: { type: "object", writeOnly: true, additionalProperties: { type: "string" } },
        keys: { type: "array", writeOnly: true, items: { type: "string" } },
        tags: { type: "array", items: { type: "string" } },
      },
    });
    expect(ui.headers).toEqual({ additionalProperties: { "ui:widget": SECRET_WIDGET } });
    expect(ui.keys).toEqual({ items: { "ui:widget": SECRET_WIDGET } });
    expect(ui).not.toHaveProperty("tags");
  });
});
