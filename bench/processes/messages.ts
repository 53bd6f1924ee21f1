/**
 * @module
 * What the bench's child processes and the runner say to each other over the IPC channel.
 */
import type { UpstreamShape } from "../cases.ts";
import type { LoadResult, LoadSpec } from "../load/load-spec.ts";
import type { RoutePlanResult, RoutePlanSpec } from "../route-plan/route-plan-spec.ts";

/** Child → runner: listening (servers give their URL) or ready for work. */
export interface ReadyMessage {
  type: "ready";
  url?: string;
}

export interface LoadResultMessage {
  type: "load-result";
  result: LoadResult;
}

export interface RoutePlanResultMessage {
  type: "route-plan-result";
  result: RoutePlanResult;
}

export interface ConfiguredMessage {
  type: "configured";
}

export interface FailedMessage {
  type: "failed";
  message: string;
}

export type ChildMessage = ReadyMessage | ConfiguredMessage | LoadResultMessage | RoutePlanResultMessage | FailedMessage;

/** Runner → child. `stop` asks for a clean exit (so `--cpu-prof` writes its profile). */
export type RunnerMessage =
  | { type: "stop" }
  | { type: "configure-upstream"; shape: UpstreamShape }
  | { type: "run-load"; spec: LoadSpec }
  | { type: "run-route-plan"; spec: RoutePlanSpec };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

export function isChildMessage(value: unknown): value is ChildMessage {
  return isRecord(value) && typeof value["type"] === "string";
}

export function isRunnerMessage(value: unknown): value is RunnerMessage {
  return isRecord(value) && typeof value["type"] === "string";
}
