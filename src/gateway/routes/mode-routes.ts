/**
 * @module
 * `GET /mode` and `POST /mode` (admin): read or switch the active config mode. A switch
 * applies to requests that start after it; requests in flight keep their router.
 */
import { InvalidRequestError } from "../../core/errors.ts";
import type { Handler } from "../context.ts";
import { sendJson } from "../http/respond.ts";
import type { GatewayRuntime } from "../runtime.ts";
import { readJsonBody } from "./chat-routes.ts";

function describeModes(runtime: GatewayRuntime): Record<string, unknown> {
  return {
    mode: runtime.activeMode ?? null,
    modes: runtime.modes().map((name) => ({ name, description: runtime.config.modes[name]?.description ?? null })),
  };
}

export const readModeRoute: Handler = async function readMode(_request, response, context, runtime) {
  sendJson(response, 200, describeModes(runtime), { "x-request-id": context.requestId });
};

export const switchModeRoute: Handler = async function switchMode(request, response, context, runtime) {
  const body = await readJsonBody(request, runtime);
  const mode = body["mode"];
  if (typeof mode !== "string" || mode.trim() === "") {
    throw new InvalidRequestError(`Send {"mode": "<name>"} (modes: ${runtime.modes().join(", ") || "none configured"}).`, { param: "mode" });
  }
  // setMode names the known modes when this one is not among them.
  runtime.setMode(mode.trim());
  sendJson(response, 200, describeModes(runtime), { "x-request-id": context.requestId });
};
