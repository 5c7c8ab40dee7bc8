/** Places validation problems on the builder's nodes and form fields. */
import type { Problem } from "../api";
import { componentId } from "./model";

/** Where a problem belongs: a node and, when the path goes that deep, a field of its config. */
export interface Placement {
  node: string | null;
  field: string | null;
}

const PROCESSOR = /^spec\.pipeline\.processors\[(\d+)\](?:\.[^.[]+)?(?:\.([^.[]+))?/;
const END = /^spec\.(input|output)(?:\.[^.[]+)?(?:\.([^.[]+))?/;

/**
 * The node and field of a problem path: {@code spec.pipeline.processors[1].mapping.expression}
 * is processor 1's field {@code expression}; {@code spec.input.generate} is the input node itself.
 */
export function place(path: string): Placement {
  const processor = PROCESSOR.exec(path);
  if (processor) {
    return { node: componentId("processor", Number(processor[1])), field: processor[2] ?? null };
  }
  const end = END.exec(path);
  if (end) {
    return { node: componentId(end[1] as "input" | "output"), field: end[2] ?? null };
  }
  return { node: null, field: null };
}

/** Problems grouped by node id; those of no node under "". */
export function byNode(problems: Problem[]): Map<string, Problem[]> {
  const grouped = new Map<string, Problem[]>();
  for (const problem of problems) {
    const key = place(problem.path).node ?? "";
    grouped.set(key, [...(grouped.get(key) ?? []), problem]);
  }
  return grouped;
}

/**
 * The problems of one node as rjsf extra errors: each on its field, and those on the whole
 * component on the shorthand field (where a plain value such as a mapping's expression lives).
 */
export function formErrors(problems: Problem[], shorthand: string | undefined): ErrorSchema {
  const errors: ErrorSchema = {};
  for (const problem of problems) {
    const key = place(problem.path).field ?? shorthand;
    if (key) {
      const entry = (errors[key] ??= { __errors: [] }) as { __errors: string[] };
      entry.__errors.push(problem.message);
    } else {
      (errors.__errors ??= []).push(problem.message);
    }
  }
  return errors;
}

/** rjsf's error schema: messages of the whole form, and of each field by name. */
export type ErrorSchema = { __errors?: string[] } & { [field: string]: { __errors: string[] } | string[] | undefined };
