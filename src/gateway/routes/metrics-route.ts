/**
 * @module
 * `GET /metrics` (admin): the gateway's Prometheus metrics in the text exposition format.
 */
import type { Handler } from "../context.ts";
import { sendText } from "../http/respond.ts";

export const metricsRoute: Handler = async function metrics(_request, response, _context, runtime) {
  sendText(response, 200, await runtime.metrics.render(), runtime.metrics.contentType());
};
