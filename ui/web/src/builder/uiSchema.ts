/**
 * How a component's form shows its fields, read from the JSON Schema the catalogue serves:
 * expressions get a text area, and text fields marked secret (writeOnly, or inside a field marked
 * secret, such as a map of headers) get the secret picker, however deep they are nested.
 */
import type { UiSchema } from "@rjsf/utils";
import type { Plugin } from "../views";

/** The parts of a field's JSON Schema this reads. */
interface FieldSchema {
  type?: string;
  enum?: unknown[];
  writeOnly?: boolean;
  "x-sluice-type"?: string;
  properties?: Record<string, FieldSchema>;
  items?: FieldSchema;
  additionalProperties?: FieldSchema | boolean;
}

/** The name the secret picker is registered under in the form's widgets. */
export const SECRET_WIDGET = "secret";

/** The form's UI schema: no submit button, and the widgets of every field that needs one. */
export function uiSchema(schema: Plugin["schema"]): UiSchema {
  return { "ui:submitButtonOptions": { norender: true }, ...objectUi(schema as FieldSchema, false) };
}

function objectUi(schema: FieldSchema, secret: boolean): UiSchema {
  const ui: UiSchema = {};
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    const child = fieldUi(field, secret);
    if (child) {
      ui[name] = child;
    }
  }
  if (typeof schema.additionalProperties === "object") {
    const values = fieldUi(schema.additionalProperties, secret);
    if (values) {
      ui.additionalProperties = values;
    }
  }
  return ui;
}

function fieldUi(field: FieldSchema, inSecret: boolean): UiSchema | null {
  const secret = inSecret || field.writeOnly === true;
  if (field["x-sluice-type"] === "expression") {
    return { "ui:widget": "textarea", "ui:options": { rows: 2 } };
  }
  if (field.type === "string" && !field.enum) {
    return secret ? { "ui:widget": SECRET_WIDGET } : null;
  }
  if (field.type === "array" && field.items) {
    const items = fieldUi(field.items, secret);
    return items && { items };
  }
  if (field.type === "object") {
    const ui = objectUi(field, secret);
    return Object.keys(ui).length ? ui : null;
  }
  return null;
}
