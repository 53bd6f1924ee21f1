/**
 * Router test setup: simulated providers (real wire formats, scripted faults) registered
 * under their table ids, and a router with small timeouts so fault tests stay fast.
 */
import type { DialectId } from "../../src/core/types/message.ts";
import { ProviderRegistry } from "../../src/providers/registry.ts";
import { Router, type RouterOptions } from "../../src/routing/router.ts";
import type { Script } from "../../src/simulator/behaviour.ts";
import { startSimulatedProvider, type SimulatedProvider } from "../../src/simulator/index.ts";

export interface ProviderSpec {
  dialect: DialectId;
  script?: Script;
  /** Keys the router holds for this provider. @default ["key-<id>"] */
  keys?: string[];
  /** Keys the simulator accepts (others get the vendor's auth error). */
  acceptKeys?: string[];
}

export interface Fixture {
  router: Router;
  sims: Record<string, SimulatedProvider>;
  /** Generation requests a provider received. */
  calls(provider: string): number;
  close(): Promise<void>;
}

export const fastRetry = { baseDelayMs: 5, maxDelayMs: 20, maxCooldownWaitMs: 0 } as const;

export async function setup(specs: Record<string, ProviderSpec>, options: Omit<RouterOptions, "providers"> = {}): Promise<Fixture> {
  const registry = new ProviderRegistry();
  const sims: Record<string, SimulatedProvider> = {};
  for (const [id, spec] of Object.entries(specs)) {
    const sim = await startSimulatedProvider({
      dialect: spec.dialect,
      ...(spec.script === undefined ? {} : { script: spec.script }),
      ...(spec.acceptKeys === undefined ? {} : { apiKeys: spec.acceptKeys }),
    });
    sims[id] = sim;
    registry.register({ id, dialect: spec.dialect, baseUrl: sim.url, keys: spec.keys ?? [`key-${id}`] });
  }
  const router = new Router({
    status: false,
    retry: fastRetry,
    timeouts: { connectMs: 1000, firstTokenMs: 1500, idleMs: 1500, attemptMs: 1500, totalMs: 10_000 },
    ...options,
    providers: registry,
  });
  return {
    router,
    sims,
    calls: (provider) => sims[provider]?.requests.filter((request) => request.endpoint !== "models").length ?? 0,
    async close() {
      await router.close();
      await Promise.all(Object.values(sims).map((sim) => sim.close()));
    },
  };
}
