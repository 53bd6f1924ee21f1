/**
 * @module
 * OpenRouter app attribution: `HTTP-Referer` identifies the app, `X-OpenRouter-Title`
 * (and the older `X-Title`, still honoured) names it. Headers a caller already set win,
 * so a client passing through the gateway keeps its own attribution.
 */
import type { ProviderHook } from "./hook.ts";

const defaultUrl = "https://www.npmjs.com/package/llmux";
const defaultTitle = "llmux";

function hasHeader(headers: Record<string, string>, name: string): boolean {
  const lower = name.toLowerCase();
  return Object.keys(headers).some((key) => key.toLowerCase() === lower);
}

export const openrouterAttribution: ProviderHook = {
  name: "openrouter-attribution",
  headers: function addOpenrouterAttribution(headers, context) {
    const result = { ...headers };
    const url = context.attribution?.url ?? defaultUrl;
    const title = context.attribution?.title ?? defaultTitle;
    if (!hasHeader(result, "http-referer")) result["http-referer"] = url;
    if (!hasHeader(result, "x-openrouter-title") && !hasHeader(result, "x-title")) {
      result["x-openrouter-title"] = title;
      result["x-title"] = title;
    }
    return result;
  },
};
