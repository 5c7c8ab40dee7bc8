/**
 * Tap points of a stream: input, each processor's stage (p<i>-<type>), output and dead letters, as
 * GET .../tap/points names them; and the records sampled at each, newest first.
 */
import { componentId, type Component } from "./builder/model";
import { show } from "./format";

/** One point a tap can listen at, as the control plane lists it. */
export interface TapPoint {
  point: string;
  label: string;
}

/** One record a tap answered, with its headers; at a processor's stage it also says the stage. */
export interface Tapped {
  partition: number;
  offset: number;
  timestamp: string;
  key?: unknown;
  value?: unknown;
  stage?: string;
  headers?: { name: string; value?: unknown }[];
}

const STAGE = /^p(\d+)-/;

/** Whether a point is a processor's stage, where the worker sends samples rather than every record. */
export function isStage(point: string): boolean {
  return STAGE.test(point);
}

/** The point that taps a component of the graph: its stage for a processor, else input or output. */
export function pointOf(component: Component): string {
  return component.kind === "processor" ? `p${component.index}-${component.type}` : component.kind;
}

/** The graph node a point belongs to, or null for one of no node (dead letters). */
export function nodeOf(point: string): string | null {
  const stage = STAGE.exec(point);
  if (stage) {
    return componentId("processor", Number(stage[1]));
  }
  return point === "input" || point === "output" ? point : null;
}

/** The records kept per point, with a page of {@code point}'s (oldest first) put in front, newest first. */
export function withPage(kept: ReadonlyMap<string, Tapped[]>, point: string, page: Tapped[], keep: number): Map<string, Tapped[]> {
  const next = new Map(kept);
  next.set(point, [...page].reverse().concat(kept.get(point) ?? []).slice(0, keep));
  return next;
}

/** One line for a tapped record: where it was, its value, and its headers when it has any. */
export function tappedLine(t: Tapped): string {
  const headers = t.headers?.length ? `  headers ${t.headers.map((h) => `${h.name}=${show(h.value ?? "")}`).join(", ")}` : "";
  return `${t.partition}:${t.offset} ${show(t.value ?? "")}${headers}`;
}
