/**
 * Builder: the stream as a graph, a form per component from its JSON Schema, and the YAML, all kept
 * in step; problems from POST /api/v1/validate shown on their node and field; Test; save paused or active.
 */
import { useEffect, useMemo, useState } from "react";
import { useLocation } from "wouter";
import { api, ApiFailure, describe, streamPath, type Problem } from "../api";
import { YamlEditor } from "../components/YamlEditor";
import { ComponentForm } from "../builder/ComponentForm";
import { PipelineGraph } from "../builder/PipelineGraph";
import { TestPanel } from "../builder/TestPanel";
import { addProcessor, components, field, moveProcessor, NEW_STREAM, parse, removeProcessor, setComponent, setField, type Component } from "../builder/model";
import { byNode } from "../builder/problems";
import { NamespaceSecretsContext, useSecretNames } from "../builder/namespaceSecrets";
import type { Items, Plugin, StreamSummary } from "../views";

interface Validation {
  valid: boolean;
  documents: { problems: Problem[] }[];
}

const VALIDATE_AFTER_MS = 400;

export function BuilderPage({ writer, existing }: { writer: boolean; existing?: { namespace: string; name: string } }) {
  const [, navigate] = useLocation();
  const [text, setText] = useState(existing ? "" : NEW_STREAM);
  const [version, setVersion] = useState<number | null>(null);
  const [plugins, setPlugins] = useState<Plugin[]>([]);
  const [selected, setSelected] = useState<string | null>("input");
  const [problems, setProblems] = useState<Problem[]>([]);
  const [toAdd, setToAdd] = useState("mapping");
  const [message, setMessage] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    api<Items<Plugin>>("GET", "/plugins").then((p) => setPlugins(p.items)).catch((e) => setLoadError(describe(e)));
    if (existing) {
      api<StreamSummary>("GET", streamPath(existing.namespace, existing.name))
        .then((s) => {
          setText(s.document ?? "");
          setVersion(s.resourceVersion);
        })
        .catch((e) => setLoadError(describe(e)));
    }
  }, [existing?.namespace, existing?.name]);

  useEffect(() => {
    if (!text) {
      return;
    }
    const timer = setTimeout(() => {
      api<Validation>("POST", "/validate", text)
        .then((v) => setProblems(v.documents.flatMap((d) => d.problems)))
        .catch((e) => setProblems([{ path: "", message: describe(e) }]));
    }, VALIDATE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const doc = useMemo(() => parse(text), [text]);
  const yamlError = doc.errors[0]?.message ?? null;
  const secrets = useSecretNames(field(doc, ["metadata", "namespace"]), writer);
  const [shown, setShown] = useState<Component[]>([]);
  useEffect(() => {
    if (!yamlError) {
      setShown(components(doc));
    }
  }, [doc, yamlError]);
  const grouped = useMemo(() => byNode(problems), [problems]);
  const counts = useMemo(() => new Map([...grouped].map(([k, v]) => [k, v.length])), [grouped]);
  const current = shown.find((c) => c.id === selected) ?? null;
  const plugin = current && plugins.find((p) => p.kind === current.kind && p.name === current.type);

  function edit(change: (d: ReturnType<typeof parse>) => void) {
    const next = parse(text);
    change(next);
    setText(next.toString());
  }

  async function save(state: "paused" | "active") {
    const document = (() => {
      const next = parse(text);
      setField(next, ["spec", "state"], state);
      return next.toString();
    })();
    setText(document);
    setMessage(null);
    try {
      const saved = existing
        ? await api<StreamSummary>("PUT", `${streamPath(existing.namespace, existing.name)}?resourceVersion=${version}`, document)
        : await api<StreamSummary>("POST", "/streams", document);
      navigate(streamPath(saved.namespace, saved.name));
    } catch (e) {
      if (e instanceof ApiFailure && e.problems.length) {
        setProblems(e.problems);
      }
      setMessage(`Not saved: ${describe(e)}`);
    }
  }

  if (loadError) {
    return <p role="alert" className="error">{loadError}</p>;
  }
  const processorChoices = plugins.filter((p) => p.kind === "processor");
  const unplaced = grouped.get("") ?? [];

  return (
    <section className="builder">
      <h1>{existing ? `Edit ${existing.namespace}/${existing.name}` : "New stream"}</h1>
      <div className="meta">
        <label htmlFor="stream-name">Name</label>
        <input id="stream-name" value={field(doc, ["metadata", "name"])} disabled={!!existing} onChange={(e) => edit((d) => setField(d, ["metadata", "name"], e.target.value))} />
        <label htmlFor="stream-namespace">Namespace</label>
        <input id="stream-namespace" value={field(doc, ["metadata", "namespace"])} disabled={!!existing} onChange={(e) => edit((d) => setField(d, ["metadata", "namespace"], e.target.value))} />
        <span role="status" className={problems.length ? "error" : "ok"}>
          {problems.length ? `${problems.length} problem${problems.length > 1 ? "s" : ""}` : "Valid"}
        </span>
      </div>
      <PipelineGraph components={shown} selected={selected} problemCounts={counts} onSelect={setSelected} />
      <div className="columns">
        <div className="column">
          <nav aria-label="Components" className="component-list">
            {shown.map((c) => (
              <button key={c.id} type="button" aria-pressed={c.id === selected} onClick={() => setSelected(c.id)}>
                {c.kind === "processor" ? `Processor ${c.index + 1}` : c.kind === "input" ? "Input" : "Output"}: {c.type}
                {counts.get(c.id) ? ` ⚠ ${counts.get(c.id)}` : ""}
              </button>
            ))}
          </nav>
          <div className="add">
            <label htmlFor="processor-to-add">Processor to add</label>
            <select id="processor-to-add" value={toAdd} onChange={(e) => setToAdd(e.target.value)}>
              {processorChoices.map((p) => (
                <option key={p.name} value={p.name} title={p.summary}>
                  {p.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              onClick={() => {
                edit((d) => addProcessor(d, toAdd, {}));
                setSelected(`p${shown.filter((c) => c.kind === "processor").length}`);
              }}
            >
              Add processor
            </button>
          </div>
          {current && (
            <section className="component" aria-label={`Settings of ${current.kind} ${current.type}`}>
              <h2>
                {current.kind === "processor" ? `Processor ${current.index + 1}` : current.kind}: {current.type}
              </h2>
              {current.kind !== "processor" && (
                <>
                  <label htmlFor="component-type">{current.kind === "input" ? "Input type" : "Output type"}</label>
                  <select id="component-type" value={current.type} onChange={(e) => edit((d) => setComponent(d, current.kind, 0, e.target.value, {}))}>
                    {plugins.filter((p) => p.kind === current.kind).map((p) => (
                      <option key={p.name} value={p.name}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </>
              )}
              {current.kind === "processor" && (
                <div className="row">
                  <button type="button" onClick={() => edit((d) => moveProcessor(d, current.index, -1))}>Move up</button>
                  <button type="button" onClick={() => edit((d) => moveProcessor(d, current.index, 1))}>Move down</button>
                  <button
                    type="button"
                    onClick={() => {
                      edit((d) => removeProcessor(d, current.index));
                      setSelected("input");
                    }}
                  >
                    Remove
                  </button>
                </div>
              )}
              {plugin ? (
                <>
                  <p className="hint">{plugin.summary}</p>
                  <NamespaceSecretsContext.Provider value={secrets}>
                    <ComponentForm
                      component={current}
                      plugin={plugin}
                      problems={grouped.get(current.id) ?? []}
                      onChange={(config) => edit((d) => setComponent(d, current.kind, current.index, current.type, config))}
                    />
                  </NamespaceSecretsContext.Provider>
                </>
              ) : (
                <p className="error">There is no {current.kind} named “{current.type}” installed; choose another.</p>
              )}
            </section>
          )}
          {unplaced.length > 0 && (
            <ul aria-label="Problems of the stream" className="error">
              {unplaced.map((p) => (
                <li key={p.path + p.message}>
                  {p.path}: {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="column">
          <h2>YAML</h2>
          {yamlError && <p role="alert" className="error">YAML: {yamlError}</p>}
          <YamlEditor value={text} onChange={setText} label="Stream YAML" />
          {writer && (
            <div className="row">
              <button type="button" onClick={() => save("paused")}>Save paused</button>
              <button type="button" onClick={() => save("active")}>
                Save active
              </button>
            </div>
          )}
          {message && <p role="alert" className="error">{message}</p>}
          <TestPanel document={text} />
        </div>
      </div>
    </section>
  );
}
