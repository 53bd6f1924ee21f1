/**
 * @module
 * An active health probe: a GET of the provider's model list (never a paid completion).
 * Throws an UpstreamError when the provider does not answer 2xx.
 */
import { readUpstreamError } from "../providers/build-upstream-error.ts";
import type { HttpClient } from "../providers/http-client.ts";
import { prepareUpstreamRequest } from "../providers/prepare-request.ts";
import type { ResolvedProvider } from "../providers/resolved-provider.ts";

export async function probeProvider(
  provider: ResolvedProvider,
  options: { http: HttpClient; signal: AbortSignal; keyId?: string | undefined },
): Promise<void> {
  const key = provider.keys.find((candidate) => candidate.id === options.keyId) ?? provider.keys[0];
  const prepared = prepareUpstreamRequest({ provider, path: provider.modelsPath, model: "", stream: false, ...(key ? { key } : {}) });
  const response = await options.http.send({
    url: prepared.url,
    method: "GET",
    headers: prepared.headers,
    signal: options.signal,
    timeouts: { firstByteMs: 10_000, totalMs: 15_000 },
    provider: provider.id,
    model: "",
    secrets: provider.keys,
  });
  if (response.status >= 400) {
    throw await readUpstreamError(response, { provider: provider.id, model: "", secrets: provider.keys });
  }
  response.cancel();
}
