/**
 * The form of one component, generated from its JSON Schema, with the control plane's problems on
 * its fields. Its secret pickers read the namespace's secrets from a NamespaceSecretsContext.
 */
import Form from "@rjsf/core";
import validator from "@rjsf/validator-ajv8";
import type { RJSFSchema } from "@rjsf/utils";
import type { Problem } from "../api";
import type { Plugin } from "../views";
import { formData, fromFormData, type Component } from "./model";
import { formErrors } from "./problems";
import { SecretWidget } from "./SecretWidget";
import { SECRET_WIDGET, uiSchema } from "./uiSchema";

/** Widgets the UI schema names besides rjsf's own. */
const WIDGETS = { [SECRET_WIDGET]: SecretWidget };

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
      widgets={WIDGETS}
      formData={formData(component.config, shorthand)}
      validator={validator}
      extraErrors={formErrors(problems, shorthand) as never}
      showErrorList={false}
      experimental_defaultFormStateBehavior={{ emptyObjectFields: "skipDefaults" }}
      onChange={(e) => onChange(fromFormData((e.formData ?? {}) as Record<string, unknown>, shorthand, wasShorthand))}
    />
  );
}
