/**
 * @module
 * Status-page answers for management views, each lookup bounded by the configured status
 * check timeout: a slow or broken status source makes a provider "unknown", never a slow
 * or failed management answer. Nothing here when status checks are off.
 */
import type { ProviderStatus, ProviderStatusEntry } from "../../status/index.ts";
import type { GatewayRuntime } from "../runtime.ts";

const unknownStatus: ProviderStatus = {
  status: "unknown",
  isAvailable: true,
  source: "none",
  updatedAt: undefined,
  detail: "status check timed out",
};

/** Resolves to `fallback` when `promise` takes longer than `ms` (or fails). */
async function settleWithin<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise.catch(() => fallback), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Each provider's status from the status source; an empty map when status checks are off. */
export async function readProviderStatuses(runtime: GatewayRuntime, providers: Iterable<string>): Promise<Map<string, ProviderStatus>> {
  const result = new Map<string, ProviderStatus>();
  const status = runtime.status;
  if (!status) return result;
  const timeoutMs = runtime.config.status.checkTimeoutMs;
  const ids = [...new Set(providers)];
  const answers = await Promise.all(ids.map((id) => settleWithin(status.checkProvider(id), timeoutMs, unknownStatus)));
  ids.forEach((id, index) => {
    const answer = answers[index];
    if (answer) result.set(id, answer);
  });
  return result;
}

/**
 * Every provider the status source reports on, plus the configured ones it was asked about;
 * undefined when status checks are off.
 */
export async function listProviderStatuses(runtime: GatewayRuntime, configured: readonly string[]): Promise<ProviderStatusEntry[] | undefined> {
  const status = runtime.status;
  if (!status) return undefined;
  const timeoutMs = runtime.config.status.checkTimeoutMs;
  const [reported, checked] = await Promise.all([settleWithin(status.providers(), timeoutMs, []), readProviderStatuses(runtime, configured)]);
  const byProvider = new Map<string, ProviderStatusEntry>();
  for (const entry of reported) byProvider.set(entry.provider, entry);
  for (const [provider, answer] of checked) byProvider.set(provider, { provider, ...answer });
  return [...byProvider.values()].sort((left, right) => left.provider.localeCompare(right.provider));
}
