/**
 * @module
 * `GET /health`: liveness, public. Says which providers are configured so a first run tells
 * the user what is missing.
 */
import { missingProviderHint } from "../../providers/discover.ts";
import type { Handler } from "../context.ts";
import { sendJson } from "../http/respond.ts";

export const healthRoute: Handler = async function health(_request, response, _context, runtime) {
  const providers = runtime.registry.list().map((provider) => provider.id);
  sendJson(response, 200, {
    status: "ok",
    uptimeSeconds: Math.round((Date.now() - runtime.startedAt) / 1000),
    providers,
    mode: runtime.activeMode ?? null,
    ...(providers.length === 0 ? { hint: missingProviderHint() } : {}),
  });
};
