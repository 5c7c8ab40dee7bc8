/**
 * The form widget of a secret field: a choice of the secrets stored in the stream's namespace,
 * written as ${secret:NAME}; a value typed in plain text is still possible, and flagged.
 */
import { useState } from "react";
import type { WidgetProps } from "@rjsf/utils";
import { isLiteral, referencedSecret, secretReference } from "../secrets";
import { NewSecretForm } from "./NewSecretForm";
import { useNamespaceSecrets, type NamespaceSecrets } from "./namespaceSecrets";

/** The choice that stands for "type a value here"; no secret name can hold a space. */
const PLAIN_TEXT = " plain text";

export function SecretWidget({ id, value, label, required, disabled, readonly, onChange, onBlur, onFocus }: WidgetProps) {
  const secrets = useNamespaceSecrets();
  const [typing, setTyping] = useState(false);
  const chosen = referencedSecret(value);
  const literal = chosen === null && (typing || isLiteral(value));
  const names = secrets.names ?? [];
  const unlisted = chosen !== null && !names.includes(chosen);

  function choose(choice: string) {
    setTyping(choice === PLAIN_TEXT);
    onChange(choice === "" || choice === PLAIN_TEXT ? undefined : secretReference(choice));
  }

  async function created(name: string) {
    await secrets.reload();
    choose(name);
  }

  const state = stateLine(secrets, chosen, unlisted);
  return (
    <div className="secret-picker" role="group" aria-label={`Secret for ${label}`}>
      <select
        id={id}
        value={chosen ?? (literal ? PLAIN_TEXT : "")}
        required={required}
        disabled={disabled || readonly}
        aria-describedby={`${id}-secret-state`}
        onChange={(e) => choose(e.target.value)}
        onBlur={() => onBlur(id, value)}
        onFocus={() => onFocus(id, value)}
      >
        <option value="">{required ? "— choose a secret —" : "— not set —"}</option>
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
        {unlisted && <option value={chosen}>{secrets.names ? `${chosen} (not stored in ${secrets.namespace})` : chosen}</option>}
        <option value={PLAIN_TEXT}>Plain text, typed here</option>
      </select>
      <p id={`${id}-secret-state`} className={state.problem ? "error" : "hint"}>
        {state.text}
      </p>
      {literal && (
        <>
          <label htmlFor={`${id}-plain`}>Plain-text value of {label}</label>
          <input id={`${id}-plain`} value={typeof value === "string" ? value : ""} disabled={disabled || readonly} autoComplete="off" aria-describedby={`${id}-plain-warning`} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)} />
          <p id={`${id}-plain-warning`} className="warning" role="note">
            Stored in the stream document in plain text; use a secret.
          </p>
        </>
      )}
      {secrets.writer && secrets.namespace !== "" && !disabled && !readonly && (
        <NewSecretForm idPrefix={id} namespace={secrets.namespace} open={secrets.names?.length === 0} onCreated={created} />
      )}
    </div>
  );
}

/** What the picker says under the choice: where the names come from, or why there are none. */
function stateLine(secrets: NamespaceSecrets, chosen: string | null, unlisted: boolean): { text: string; problem: boolean } {
  const ns = secrets.namespace;
  if (ns === "") {
    return { text: "Set the stream's namespace (metadata.namespace) to choose one of its secrets.", problem: false };
  }
  if (secrets.error) {
    return { text: `Could not list the secrets of ${ns}: ${secrets.error}`, problem: true };
  }
  if (secrets.names === null) {
    return { text: `Listing the secrets of ${ns}…`, problem: false };
  }
  if (chosen !== null && unlisted) {
    return { text: `Namespace ${ns} has no secret “${chosen}”: create it, or choose another.`, problem: true };
  }
  if (chosen !== null) {
    return { text: `The stream document holds ${secretReference(chosen)}; a worker reads the value when it starts the stream.`, problem: false };
  }
  if (secrets.names.length === 0) {
    return {
      text: secrets.writer
        ? `Namespace ${ns} has no secrets yet: create one below.`
        : `Namespace ${ns} has no secrets yet: someone who may write it creates one with PUT /api/v1/secrets/${ns}/NAME (the value as the request body), then it shows here.`,
      problem: false,
    };
  }
  return { text: `Choose a secret of ${ns} (${secrets.names.length} stored).`, problem: false };
}
