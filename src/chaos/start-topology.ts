/**
 * @module
 * One case's world: a simulated primary (behind the fault proxy when the scenario spoils
 * bodies), a simulated fallback, and a gateway configured for them with the profile's
 * timeouts and a memory usage store. Every case gets a fresh one, so health state and
 * cooldowns never leak from one case into the next.
 */
import { configSchema } from "../config/index.ts";
import { startGateway, type GatewayHandle } from "../gateway/serve.ts";
import { pickBehaviour, type Script } from "../simulator/behaviour.ts";
import { startSimulatedProvider, type SimulatedProvider } from "../simulator/index.ts";
import { MemoryUsageStore } from "../usage/stores/memory.ts";
import type { ChaosProfile } from "./chaos-profile.ts";
import type { ChaosRoute } from "./chaos-route.ts";
import { startFaultProxy, type BodyFault, type FaultProxy } from "./fault-proxy.ts";

export interface TopologyOptions {
  route: ChaosRoute;
  profile: ChaosProfile;
  primary: Script;
  fallback: Script;
  /** Body faults on the primary's answers, by request ordinal. */
  proxy?: (index: number) => BodyFault | undefined;
}

export interface Topology {
  gateway: GatewayHandle;
  primary: SimulatedProvider;
  fallback: SimulatedProvider;
  usage: MemoryUsageStore;
  /** When each generation request reached the primary (epoch ms). */
  primaryArrivals: number[];
  /** Replaces the primary's script (arrivals are still recorded; ordinals start again at 0). */
  setPrimaryScript(script: Script): void;
  close(): Promise<void>;
}

/** Records arrival times, then behaves as `script` says. */
function recordArrivals(script: Script, arrivals: number[]): Script {
  return (request, index) => {
    arrivals.push(Date.now());
    return pickBehaviour(script, request, index);
  };
}

function baseUrl(origin: string, dialect: string): string {
  // openai-chat bases carry the version (providers/table.ts).
  return dialect === "openai-chat" ? `${origin}/v1` : origin;
}

function buildConfig(options: TopologyOptions, primaryUrl: string, fallbackUrl: string) {
  const { route, profile } = options;
  const cooldown = profile.cooldownMs;
  return configSchema.parse({
    providers: {
      [route.primary.provider]: { keys: ["chaos-primary-key"], baseUrl: primaryUrl },
      [route.fallback.provider]: { keys: ["chaos-fallback-key"], baseUrl: fallbackUrl },
    },
    fallbacks: { [route.model]: [route.fallbackModel] },
    timeouts: profile.timeouts,
    retries: { maxPerCandidate: 1, backoffBaseMs: 20, backoffMaxMs: 100 },
    cooldowns: { "rate-limit": cooldown, overloaded: cooldown, server: cooldown, timeout: cooldown, connection: cooldown },
    usage: { store: { kind: "memory" } },
    status: { enabled: false },
  });
}

export async function startTopology(options: TopologyOptions): Promise<Topology> {
  const { route } = options;
  const primaryArrivals: number[] = [];
  const primary = await startSimulatedProvider({ dialect: route.primary.dialect, script: recordArrivals(options.primary, primaryArrivals) });
  const fallback = await startSimulatedProvider({ dialect: route.fallback.dialect, script: options.fallback });
  let proxy: FaultProxy | undefined;
  if (options.proxy) proxy = await startFaultProxy({ target: primary.origin, dialect: route.primary.dialect, plan: options.proxy });
  const primaryUrl = proxy ? baseUrl(proxy.origin, route.primary.dialect) : primary.url;
  const usage = new MemoryUsageStore();
  const gateway = await startGateway({
    config: buildConfig(options, primaryUrl, fallback.url),
    port: 0,
    host: "127.0.0.1",
    usage,
    status: false,
    auto: false,
    watch: false,
    log: () => {},
  });
  return {
    gateway,
    primary,
    fallback,
    usage,
    primaryArrivals,
    setPrimaryScript: (script) => primary.setScript(recordArrivals(script, primaryArrivals)),
    async close() {
      await gateway.close(200);
      await Promise.all([primary.close(), fallback.close(), proxy?.close()]);
    },
  };
}
