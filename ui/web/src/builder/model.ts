/**
 * The builder's view of a stream document: its components (input, processors, output) read from
 * and written back into the YAML document, keeping its comments and layout where untouched.
 */
import { Document, isMap, isScalar, isSeq, parseDocument, YAMLMap } from "yaml";

export type Kind = "input" | "processor" | "output";

/** One component of the pipeline: which slot it fills, its type and its config as written. */
export interface Component {
  id: string;
  kind: Kind;
  index: number;
  type: string;
  config: unknown;
}

/** The document the builder starts a new stream from. */
export const NEW_STREAM = `apiVersion: sluice.dev/v1
kind: Stream
metadata:
  name: my-stream
  namespace: default
spec:
  state: paused
  input:
    generate:
      template: '{"n": $seq}'
      rate: 5
  pipeline:
    processors: []
  output:
    kafka:
      topic: my-stream-out
`;

/** The node id of a slot: "input", "output" or "p<index>". */
export function componentId(kind: Kind, index = 0): string {
  return kind === "processor" ? `p${index}` : kind;
}

export function parse(text: string): Document {
  return parseDocument(text);
}

/** The components of a parsed document, in pipeline order; slots that are not single-key maps are skipped. */
export function components(doc: Document): Component[] {
  const found: Component[] = [];
  const add = (kind: Kind, index: number, node: unknown) => {
    if (isMap(node) && node.items.length === 1) {
      const pair = node.items[0];
      const type = String(isScalar(pair.key) ? pair.key.value : pair.key);
      const value = pair.value;
      found.push({ id: componentId(kind, index), kind, index, type, config: value ? (value as { toJSON(): unknown }).toJSON() : null });
    }
  };
  add("input", 0, doc.getIn(["spec", "input"], true));
  const processors = doc.getIn(["spec", "pipeline", "processors"], true);
  if (isSeq(processors)) {
    processors.items.forEach((item, i) => add("processor", i, item));
  }
  add("output", 0, doc.getIn(["spec", "output"], true));
  return found;
}

function slotPath(kind: Kind, index: number): (string | number)[] {
  return kind === "processor" ? ["spec", "pipeline", "processors", index] : ["spec", kind];
}

function single(doc: Document, type: string, config: unknown): YAMLMap {
  const map = new YAMLMap();
  map.set(doc.createNode(type), doc.createNode(config));
  return map;
}

/** Replaces one component's type and config. */
export function setComponent(doc: Document, kind: Kind, index: number, type: string, config: unknown): void {
  doc.setIn(slotPath(kind, index), single(doc, type, config));
}

function processorList(doc: Document) {
  const list = doc.getIn(["spec", "pipeline", "processors"], true);
  if (isSeq(list)) {
    list.flow = false;
    return list;
  }
  doc.setIn(["spec", "pipeline", "processors"], doc.createNode([]));
  return processorList(doc);
}

/** Appends a processor to the pipeline. */
export function addProcessor(doc: Document, type: string, config: unknown): void {
  processorList(doc).items.push(single(doc, type, config));
}

export function removeProcessor(doc: Document, index: number): void {
  processorList(doc).items.splice(index, 1);
}

/** Moves the processor at {@code from} one place up (-1) or down (+1). */
export function moveProcessor(doc: Document, from: number, by: -1 | 1): void {
  const items = processorList(doc).items;
  const to = from + by;
  if (to < 0 || to >= items.length) {
    return;
  }
  [items[from], items[to]] = [items[to], items[from]];
}

/** Sets a value at a path such as ["metadata", "name"] or ["spec", "state"]. */
export function setField(doc: Document, path: string[], value: unknown): void {
  doc.setIn(path, value);
}

export function field(doc: Document, path: string[]): string {
  const value = doc.getIn(path);
  return value == null ? "" : String(value);
}

/**
 * A component's config as an object for its form: a plain value (the shorthand, as in
 * {@code mapping: 'expr'}) becomes {@code {[shorthand]: value}}.
 */
export function formData(config: unknown, shorthand: string | undefined): Record<string, unknown> {
  if (config !== null && typeof config === "object" && !Array.isArray(config)) {
    return config as Record<string, unknown>;
  }
  return shorthand && config != null ? { [shorthand]: config } : {};
}

/** The config to write back from a form: the plain value again when only the shorthand is set. */
export function fromFormData(data: Record<string, unknown>, shorthand: string | undefined, wasShorthand: boolean): unknown {
  const keys = Object.keys(data).filter((k) => data[k] !== undefined);
  if (wasShorthand && shorthand && keys.length === 1 && keys[0] === shorthand) {
    return data[shorthand];
  }
  return Object.fromEntries(keys.map((k) => [k, data[k]]));
}
