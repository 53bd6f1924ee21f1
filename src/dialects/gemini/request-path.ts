/**
 * @module
 * Gemini puts the model and the streaming choice in the URL:
 * `/v1beta/models/{model}:generateContent` or `…:streamGenerateContent?alt=sse`
 * (without `alt=sse` the stream is one progressively written JSON array).
 */
import { stripModelPrefix } from "./decode-request.ts";

export function requestPath(request: { model: string; stream: boolean }): string {
  const model = stripModelPrefix(request.model);
  // Tuned models live under their own collection (`tunedModels/...`).
  const resource = model.includes("/") ? model : `models/${model}`;
  return request.stream ? `/v1beta/${resource}:streamGenerateContent?alt=sse` : `/v1beta/${resource}:generateContent`;
}
