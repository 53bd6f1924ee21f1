/**
 * End-to-end setup: simulated providers (real wire formats, scripted faults) under their
 * table ids, and a real gateway listening on a free port whose YAML config points at them.
 * Timeouts and retry back-off are small so fault tests stay fast.
 */
import { parseConfigText } from "../../../src/config/index.ts";
import type { DialectId } from "../../../src/core/types/message.ts";
import { startGateway, type GatewayHandle } from "../../../src/gateway/serve.ts";
import type { Script, SimulatedRequest } from "../../../src/simulator/behaviour.ts";
import { startSimulatedProvider, type SimulatedProvider } from "../../../src/simulator/index.ts";
import { readApiKey } from "../../../src/simulator/request-headers.ts";
import type { UsageRecord } from "../../../src/usage/usage-record.ts";
import { MemoryUsageStore } from "../../../src/usage/stores/memory.ts";

export type UpstreamId = "openai" | "anthropic" | "google" | "openrouter" | "ollama";

export const upstreamDialects: Record<UpstreamId, DialectId> = {
  openai: "openai-chat",
  anthropic: "anthropic-messages",
  google: "gemini",
  openrouter: "openai-chat",
  ollama: "ollama",
};

export interface UpstreamSpec {
  script?: Script;
  /** Managed keys in the gateway's config. @default ["sk-managed-<id>"]; [] for none */
  keys?: string[];
  /** Keys the simulator accepts (others get the vendor's auth error). */
  acceptKeys?: string[];
}

export interface Timeouts {
  connectMs: number;
  firstTokenMs: number;
  idleMs: number;
  attemptMs: number;
  totalMs: number;
}

export const testTimeouts: Timeouts = { connectMs: 1000, firstTokenMs: 2000, idleMs: 2000, attemptMs: 4000, totalMs: 10_000 };

export interface HarnessOptions {
  upstreams: Partial<Record<UpstreamId, UpstreamSpec>>;
  timeouts?: Partial<Timeouts>;
  /** More top-level YAML (fallbacks:, modes: ...). */
  yaml?: string;
}

export interface Harness {
  url: string;
  gateway: GatewayHandle;
  usage: MemoryUsageStore;
  sim(id: UpstreamId): SimulatedProvider;
  /** Generation requests an upstream received. */
  calls(id: UpstreamId): number;
  /** The keys an upstream was called with, in order. */
  keysSeen(id: UpstreamId): Array<string | undefined>;
  /** Usage records, oldest first. */
  records(): Promise<UsageRecord[]>;
  /** Waits until `count` requests are recorded (streams record after their last byte); returns the last. */
  recordNumber(count: number): Promise<UsageRecord>;
  close(): Promise<void>;
}

export function flowMap(values: Record<string, number | string>): string {
  return `{ ${Object.entries(values).map(([key, value]) => `${key}: ${value}`).join(", ")} }`;
}

/** The gateway config for these simulators, as a user would write it. */
export function buildYaml(sims: Partial<Record<UpstreamId, { url: string }>>, options: HarnessOptions): string {
  const lines = ["providers:"];
  for (const [id, sim] of Object.entries(sims)) {
    const spec = options.upstreams[id as UpstreamId] ?? {};
    const keys = spec.keys ?? [`sk-managed-${id}`];
    lines.push(`  ${id}:`, `    baseUrl: "${sim.url}"`, `    keys: [${keys.map((key) => JSON.stringify(key)).join(", ")}]`);
  }
  lines.push(`timeouts: ${flowMap({ ...testTimeouts, ...options.timeouts })}`);
  lines.push(`retries: ${flowMap({ maxPerCandidate: 1, backoffBaseMs: 5, backoffMaxMs: 20, maxRetryAfterMs: 2000 })}`);
  if (options.yaml) lines.push(options.yaml.trim());
  return `${lines.join("\n")}\n`;
}

export async function startSimulators(options: HarnessOptions): Promise<Partial<Record<UpstreamId, SimulatedProvider>>> {
  const sims: Partial<Record<UpstreamId, SimulatedProvider>> = {};
  for (const [id, spec] of Object.entries(options.upstreams) as Array<[UpstreamId, UpstreamSpec]>) {
    sims[id] = await startSimulatedProvider({
      dialect: upstreamDialects[id],
      ...(spec.script === undefined ? {} : { script: spec.script }),
      ...(spec.acceptKeys === undefined ? {} : { apiKeys: spec.acceptKeys }),
    });
  }
  return sims;
}

export function keyOf(request: SimulatedRequest, dialect: DialectId): string | undefined {
  return readApiKey(dialect, request.headers, request.query);
}

export function createHarness(gateway: GatewayHandle, usage: MemoryUsageStore, sims: Partial<Record<UpstreamId, SimulatedProvider>>): Harness {
  const sim = (id: UpstreamId): SimulatedProvider => {
    const found = sims[id];
    if (!found) throw new Error(`no simulator for ${id}`);
    return found;
  };
  const records = async (): Promise<UsageRecord[]> => (await usage.query()).reverse();
  return {
    url: gateway.url,
    gateway,
    usage,
    sim,
    calls: (id) => sims[id]?.count() ?? 0,
    keysSeen: (id) => sim(id).requests.filter((request) => request.endpoint !== "models").map((request) => keyOf(request, upstreamDialects[id])),
    records,
    async recordNumber(count) {
      for (let wait = 0; wait < 300; wait++) {
        const all = await records();
        const record = all[count - 1];
        if (record && all.length === count) return record;
        if (all.length > count) throw new Error(`expected ${count} usage records, found ${all.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`usage record ${count} was never written`);
    },
    async close() {
      await gateway.close(500);
      await Promise.all(Object.values(sims).map((provider) => provider.close()));
    },
  };
}

const open: Harness[] = [];

/**
 * A gateway over upstreams given by URL (a custom test server, or simulators started by the
 * caller, passed as `sims` so the harness can count their requests). The caller closes it.
 */
export async function startGatewayOver(
  options: HarnessOptions,
  upstreams: Partial<Record<UpstreamId, { url: string }>>,
  sims: Partial<Record<UpstreamId, SimulatedProvider>> = {},
): Promise<Harness> {
  const { config } = parseConfigText(buildYaml(upstreams, options), "test.yaml", {});
  const usage = new MemoryUsageStore();
  const gateway = await startGateway({ config, port: 0, usage, status: false, auto: false, log: () => {} });
  return createHarness(gateway, usage, sims);
}

/** Simulators + a gateway; closed by `closeAll()` (call it in `after`). */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const sims = await startSimulators(options);
  const harness = await startGatewayOver(options, sims, sims);
  open.push(harness);
  return harness;
}

export async function closeAll(): Promise<void> {
  await Promise.all(open.splice(0).map((harness) => harness.close()));
}
