/**
 * @module
 * Pre-flight status for the providers of a plan: looked up in parallel, never waiting longer
 * than checkTimeout, never failing (no answer is "unknown", which skips nothing).
 */
import type { ProviderStatus, StatusAPI } from "../status/index.ts";

export async function lookupStatuses(status: StatusAPI | undefined, providers: ReadonlySet<string>, checkTimeout: number): Promise<Map<string, ProviderStatus>> {
  const result = new Map<string, ProviderStatus>();
  if (!status || providers.size === 0) return result;
  const lookups = [...providers].map(async (provider) => {
    try {
      result.set(provider, await status.checkProvider(provider));
    } catch {
      // A status source never fails a request.
    }
  });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(lookups), new Promise<void>((resolve) => (timer = setTimeout(resolve, checkTimeout)))]);
  clearTimeout(timer);
  return result;
}
