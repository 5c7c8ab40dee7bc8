/** The form of one component, generated from its JSON Schema, with the control plane's problems on its fields. */
import Form from "@rjsf/core";
import validator from "@rjsf/validator-ajv8";
import type { RJSFSchema, UiSchema } from "@rjsf/utils";
import type { Problem } from "../api";
import type { Plugin } from "../views";
import { formData, fromFormData, type Component } from "./model";
import { formErrors } from "./problems";

interface SchemaField {
  "x-sluice-type"?: string;
  writeOnly?: boolean;
}

/** Expressions get a text area; secrets a note on how to refer to a stored one. */
function uiSchema(schema: Plugin["schema"]): UiSchema {
  const ui: UiSchema = { "ui:submitButtonOptions": { norender: true } };
  const properties = (schema.properties ?? {}) as Record<string, SchemaField>;
  for (const [name, field] of Object.entries(properties)) {
    if (field["x-sluice-type"] === "expression") {
      ui[name] = { "ui:widget": "textarea", "ui:options": { rows: 2 } };
    } else if (field.writeOnly) {
      ui[name] = { "ui:help": "A secret: write ${secret:NAME} to use a secret stored in the stream's namespace (PUT /api/v1/secrets/{namespace}/{name}); values are never logged." };
    }
  }
  return ui;
}

export function ComponentForm({ component, plugin, problems, onChange }: {
  component: Component;
  plugin: Plugin;
  problems: Problem[];
  onChange: (config: unknown) => void;
}) {
  const shorthand = plugin.schema["x-shorthand"];
  const wasShorthand = component.config === null || typeof component.config !== "object";
  return (
    <Form
      key={component.id + component.type}
      idPrefix={component.id}
      schema={plugin.schema as RJSFSchema}
      uiSchema={uiSchema(plugin.schema)}
      formData={formData(component.config, shorthand)}
      validator={validator}
      extraErrors={formErrors(problems, shorthand) as never}
      showErrorList={false}
      experimental_defaultFormStateBehavior={{ emptyObjectFields: "skipDefaults" }}
      onChange={(e) => onChange(fromFormData((e.formData ?? {}) as Record<string, unknown>, shorthand, wasShorthand))}
    />
  );
}
