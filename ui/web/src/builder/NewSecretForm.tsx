/** Creates a secret in a namespace (PUT /api/v1/secrets/{namespace}/{name}) and hands its name on. */
import { useState, type KeyboardEvent } from "react";
import { api, describe } from "../api";

export function NewSecretForm({ idPrefix, namespace, open, onCreated }: {
  idPrefix: string;
  namespace: string;
  open: boolean;
  onCreated: (name: string) => Promise<void>;
}) {
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ready = name.trim() !== "" && value !== "" && !busy;

  async function create() {
    setBusy(true);
    setError(null);
    const created = name.trim();
    try {
      const body = new Blob([value], { type: "text/plain" });
      await api("PUT", `/secrets/${encodeURIComponent(namespace)}/${encodeURIComponent(created)}`, body);
      setName("");
      setValue("");
      await onCreated(created);
    } catch (e) {
      setError(`Secret not created: ${describe(e)}`);
    } finally {
      setBusy(false);
    }
  }

  // Enter creates the secret here rather than submitting the component's form around it.
  function onKeyDown(e: KeyboardEvent) {
    if (e.key === "Enter") {
      e.preventDefault();
      if (ready) {
        void create();
      }
    }
  }

  return (
    <details className="new-secret" open={open}>
      <summary>Create a secret in {namespace}</summary>
      <div role="group" aria-label={`New secret in ${namespace}`}>
        <label htmlFor={`${idPrefix}-new-name`}>Secret name</label>
        <input id={`${idPrefix}-new-name`} value={name} placeholder="db-password" autoComplete="off" onChange={(e) => setName(e.target.value)} onKeyDown={onKeyDown} />
        <label htmlFor={`${idPrefix}-new-value`}>Secret value</label>
        <input id={`${idPrefix}-new-value`} type="password" value={value} autoComplete="new-password" onChange={(e) => setValue(e.target.value)} onKeyDown={onKeyDown} />
        <button type="button" disabled={!ready} onClick={create}>
          Create and use
        </button>
        <p className="hint">The value goes to the control plane, encrypted; the stream document holds only its name.</p>
        {error && <p role="alert" className="error">{error}</p>}
      </div>
    </details>
  );
}
