/** The JSON the control plane answers, as far as the pages read it. */
export interface StreamSummary {
  namespace: string;
  name: string;
  resourceVersion: number;
  state: string;
  valid: boolean;
  updatedAt: string;
  document?: string;
}

export interface InstanceStatus {
  instance: number;
  worker: string | null;
  state: string;
  error: string | null;
}

export interface StreamStatus {
  namespace: string;
  name: string;
  state: string;
  error?: string | null;
  recordsIn?: number;
  recordsOut?: number;
  errors?: number;
  deadLettered?: number;
  recordsInPerSec?: number;
  recordsOutPerSec?: number;
  lag?: number | null;
  instances: InstanceStatus[];
}

export interface Revision {
  revision: number;
  state: string;
  valid: boolean;
  createdBy: string;
  createdAt: string;
  document?: string;
}

export interface Worker {
  id: string;
  name: string;
  host: string;
  version: string;
  capacity: number;
  instances: number;
  cpuLoad: number | null;
  memoryUsedBytes: number | null;
  memoryMaxBytes: number | null;
  lastHeartbeatAgeMs: number;
  live: boolean;
}

export interface Plugin {
  name: string;
  kind: "input" | "processor" | "output";
  summary: string;
  schema: Record<string, unknown> & { "x-shorthand"?: string };
}

export interface Items<T> {
  items: T[];
}
