/**
 * @module
 * Removes `stream_options`. Mistral rejects it with 422 (its request schema forbids
 * extra fields) and sends usage at the end of every stream anyway, so nothing is lost.
 */
import type { ProviderHook } from "./hook.ts";

export const dropStreamOptions: ProviderHook = {
  name: "drop-stream-options",
  body: function dropStreamOptionsField(body) {
    if (!("stream_options" in body)) return body;
    const { stream_options: _dropped, ...rest } = body;
    return rest;
  },
};
