/** The control plane's REST API, called with the signed-in token. */
import { readToken } from "./session";

/** One validation problem, as the control plane reports it. */
export interface Problem {
  path: string;
  value?: unknown;
  message: string;
  line?: number;
  column?: number;
}

/** A refused request: the problem document's title and detail, and any validation problems. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly problems: Problem[],
  ) {
    super(`${title}: ${detail}`);
  }
}

/**
 * Sends a request under /api/v1 and answers its JSON body (or null for 204). A string body is
 * sent as YAML, a Blob as it is (with its own type), anything else as JSON.
 */
export async function api<T>(method: string, path: string, body?: unknown, token = readToken()): Promise<T> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token ?? ""}` };
  let payload: string | Blob | undefined;
  if (body instanceof Blob) {
    payload = body;
  } else if (typeof body === "string") {
    headers["Content-Type"] = "application/yaml";
    payload = body;
  } else if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    payload = JSON.stringify(body);
  }
  const response = await fetch(`/api/v1${path}`, { method, headers, body: payload });
  if (response.status === 204) {
    return null as T;
  }
  if (!response.ok) {
    throw await failure(response);
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

/** The refusal a response that is not ok carries, from its problem document when it has one. */
export async function failure(response: Response): Promise<ApiFailure> {
  const text = await response.text();
  let json: { title?: string; detail?: string; problems?: Problem[] } | null = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return new ApiFailure(response.status, json?.title ?? response.statusText, json?.detail ?? text, json?.problems ?? []);
}

/** The path of one stream's resource. */
export function streamPath(namespace: string, name: string): string {
  return `/streams/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}

/** A message for any failure, for showing to the user. */
export function describe(error: unknown): string {
  if (error instanceof ApiFailure) {
    return error.problems.length
      ? `${error.detail}: ${error.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`
      : `${error.title}: ${error.detail}`;
  }
  return error instanceof Error ? error.message : String(error);
}
