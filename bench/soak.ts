/**
 * `npm run soak`: the gateway under a steady request rate for minutes, with seeded random
 * faults on every simulated upstream (errors, resets, hangs, slow first tokens, cut, stalled
 * and garbled streams), streaming and not, through the OpenAI, Anthropic and Gemini ingress.
 * Each answer is graded like the chaos scorecard's. Afterwards: requests sent, answered, clean
 * errors, lost (no answer) and wrong (short or wrong but presented as success), both expected
 * to be 0; usage rows against requests; RSS at start, middle and end.
 *
 *   node bench/soak.ts [--seconds 180] [--rate 20] [--seed 1] [--fault-rate 0.25] [--store sqlite|memory] [--json]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { setTimeout as delay } from "node:timers/promises";
import { chooseRoute, type ChaosPath } from "../src/chaos/chaos-route.ts";
import { createRandom, type Random } from "../src/chaos/create-random.ts";
import { gradeAnswer, type Grade } from "../src/chaos/grade-answer.ts";
import { buildChatCall, getIngress, ingressIds } from "../src/chaos/ingress.ts";
import { chaosAnswer, chaosPrompt } from "../src/chaos/scenario.ts";
import { sendChat } from "../src/chaos/send-chat.ts";
import { configSchema } from "../src/config/index.ts";
import type { DialectId } from "../src/core/types/message.ts";
import { startGateway } from "../src/gateway/serve.ts";
import type { Behaviour } from "../src/simulator/behaviour.ts";
import { startSimulatedProvider, type SimulatedProvider } from "../src/simulator/index.ts";
import { openUsageStore } from "../src/usage/open-usage-store.ts";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "180" },
    rate: { type: "string", default: "20" },
    seed: { type: "string", default: "1" },
    "fault-rate": { type: "string", default: "0.25" },
    store: { type: "string", default: "sqlite" },
    json: { type: "boolean", default: false },
  },
});
const seconds = Number(values.seconds);
const rate = Number(values.rate);
const seed = Number(values.seed);
const faultRate = Number(values["fault-rate"]);
if (!(seconds > 0 && rate > 0 && faultRate >= 0 && faultRate <= 1) || (values.store !== "sqlite" && values.store !== "memory")) {
  process.stderr.write("soak: --seconds and --rate must be positive, --fault-rate in [0, 1], --store sqlite or memory\n");
  process.exit(2);
}

const timeouts = { connectMs: 1000, firstTokenMs: 1000, idleMs: 1000, attemptMs: 2000, totalMs: 8000 };
const clientTimeoutMs = 20_000;
const healthy: Behaviour = { reply: { text: chaosAnswer } };

/** The fault mix: each weight is relative; faults that only mean something in a stream say so. */
const faults: ReadonlyArray<{ weight: number; stream?: boolean; behaviour: Behaviour }> = [
  { weight: 4, behaviour: { fail: { kind: "server" } } },
  { weight: 4, behaviour: { fail: { kind: "overloaded", status: 503 } } },
  { weight: 3, behaviour: { fail: { kind: "rate-limit", retryAfterMs: 200 } } },
  { weight: 2, behaviour: { fail: { kind: "rate-limit" } } },
  { weight: 3, behaviour: { reset: "before-headers" } },
  { weight: 1, behaviour: { hang: true } },
  { weight: 1, behaviour: { ...healthy, slowFirstTokenMs: 2500 } },
  { weight: 2, behaviour: { ...healthy, delayMs: 300 } },
  { weight: 2, stream: true, behaviour: { ...healthy, cutAfterChunks: 3 } },
  { weight: 1, stream: true, behaviour: { ...healthy, stallAfterChunks: 3 } },
  { weight: 2, stream: true, behaviour: { ...healthy, malformedChunkAt: 1 } },
  { weight: 1, stream: true, behaviour: { ...healthy, malformedChunkAt: 4 } },
  { weight: 2, stream: true, behaviour: { ...healthy, omitTerminator: true } },
];

function pickFault(random: Random, stream: boolean): Behaviour {
  const usable = faults.filter((fault) => stream || fault.stream !== true);
  let roll = random.next() * usable.reduce((sum, fault) => sum + fault.weight, 0);
  for (const fault of usable) {
    roll -= fault.weight;
    if (roll <= 0) return fault.behaviour;
  }
  return healthy;
}

const upstreams: Record<string, DialectId> = { openai: "openai-chat", anthropic: "anthropic-messages", google: "gemini", xai: "openai-chat" };

const faultRandom = createRandom(seed);
const sims: SimulatedProvider[] = [];
const providers: Record<string, { keys: string[]; baseUrl: string }> = {};
for (const [id, dialect] of Object.entries(upstreams)) {
  const sim = await startSimulatedProvider({
    dialect,
    script: (request) => (faultRandom.next() < faultRate ? pickFault(faultRandom, request.stream) : healthy),
  });
  sims.push(sim);
  providers[id] = { keys: [`soak-${id}`], baseUrl: sim.url };
}

const fallbacks: Record<string, string[]> = {};
for (const ingress of ingressIds) {
  for (const path of ["fast", "translated"] as const) {
    const route = chooseRoute(ingress, path);
    fallbacks[route.model] = [route.fallbackModel];
  }
}

const storeDir = mkdtempSync(join(tmpdir(), "llmux-soak-"));
const usage = openUsageStore(values.store === "sqlite" ? { kind: "sqlite", path: join(storeDir, "usage.db") } : { kind: "memory" });
const gateway = await startGateway({
  config: configSchema.parse({
    providers,
    fallbacks,
    timeouts,
    retries: { maxPerCandidate: 1, backoffBaseMs: 20, backoffMaxMs: 100 },
    cooldowns: { "rate-limit": 300, overloaded: 300, server: 300, timeout: 300, connection: 300 },
    status: { enabled: false },
  }),
  port: 0,
  host: "127.0.0.1",
  usage,
  status: false,
  auto: false,
  watch: false,
  log: () => {},
});

type Outcome = Grade | "lost";
const counts: Record<Outcome, number> = { pass: 0, safe: 0, fail: 0, lost: 0 };
const examples: string[] = [];
const rssSamples: Array<{ atSeconds: number; rssMb: number; heapMb: number }> = [];
const megabytes = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
function sampleMemory(atSeconds: number): void {
  // The simulators keep every request they saw (for tests); that log is not the gateway's memory.
  for (const sim of sims) sim.requests.length = 0;
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  rssSamples.push({ atSeconds, rssMb: megabytes(memory.rss), heapMb: megabytes(memory.heapUsed) });
}

const trafficRandom = createRandom(seed + 1);
async function sendOne(): Promise<void> {
  const ingress = getIngress(trafficRandom.pick(ingressIds));
  const path: ChaosPath = trafficRandom.below(2) === 0 ? "fast" : "translated";
  const stream = trafficRandom.below(2) === 0;
  const route = chooseRoute(ingress.id, path);
  const call = buildChatCall(ingress, { model: route.model, prompt: chaosPrompt, stream });
  const observation = await sendChat(gateway.url, call, clientTimeoutMs);
  const graded = await gradeAnswer({ dialect: ingress.dialect, stream, observation, expected: { text: chaosAnswer, finish: "stop" }, safeBoundMs: timeouts.totalMs + 2000 });
  const outcome: Outcome = observation.ending !== "complete" ? "lost" : graded.grade;
  counts[outcome] += 1;
  if ((outcome === "fail" || outcome === "lost") && examples.length < 10) examples.push(`${ingress.id} ${path} ${stream ? "stream" : "json"}: ${graded.reason}`);
}

// Warm up (JIT, pools) before the first memory sample.
await Promise.all(Array.from({ length: 20 }, () => sendOne()));
for (const key of Object.keys(counts) as Outcome[]) counts[key] = 0;
const warmupRows = (await usage.query()).length;
sampleMemory(0);

const started = performance.now();
const intervalMs = 1000 / rate;
const inFlight = new Set<Promise<void>>();
let sent = 0;
let nextSampleAt = 10;
while (performance.now() - started < seconds * 1000) {
  const due = Math.floor((performance.now() - started) / intervalMs) + 1;
  while (sent < due) {
    sent += 1;
    const request = sendOne().finally(() => inFlight.delete(request));
    inFlight.add(request);
  }
  const elapsed = (performance.now() - started) / 1000;
  if (elapsed >= nextSampleAt) {
    sampleMemory(Math.round(elapsed));
    nextSampleAt += 10;
  }
  await delay(Math.max(1, intervalMs / 2));
}
await Promise.all(inFlight);
const wallSeconds = (performance.now() - started) / 1000;
sampleMemory(Math.round(wallSeconds));

// Records are written before each answer completes; give stragglers a moment anyway.
let rows = 0;
for (let waited = 0; waited <= 2000; waited += 100) {
  rows = (await usage.query()).length - warmupRows;
  if (rows >= sent) break;
  await delay(100);
}
await gateway.close(1000);
await Promise.all(sims.map((sim) => sim.close()));
rmSync(storeDir, { recursive: true, force: true });

const middle = rssSamples[Math.floor(rssSamples.length / 2)];
const report = {
  seconds: Math.round(wallSeconds),
  rate,
  seed,
  faultRate,
  store: values.store,
  sent,
  answered: counts.pass,
  cleanErrors: counts.safe,
  lost: counts.lost,
  wrong: counts.fail,
  usageRows: rows,
  rssMb: { start: rssSamples[0]?.rssMb, middle: middle?.rssMb, end: rssSamples.at(-1)?.rssMb, max: Math.max(...rssSamples.map((sample) => sample.rssMb)) },
  heapMb: { start: rssSamples[0]?.heapMb, middle: middle?.heapMb, end: rssSamples.at(-1)?.heapMb },
  examples,
};
const ok = report.lost === 0 && report.wrong === 0 && report.usageRows === report.sent;
if (values.json) {
  process.stdout.write(`${JSON.stringify({ ...report, samples: rssSamples, ok }, null, 2)}\n`);
} else {
  const lines = [
    `soak: ${report.seconds} s at ${rate} req/s, seed ${seed}, ${Math.round(faultRate * 100)}% of upstream calls faulted, usage store ${report.store}`,
    `  requests sent      ${report.sent}`,
    `  answered           ${report.answered}`,
    `  clean errors       ${report.cleanErrors}`,
    `  lost (no answer)   ${report.lost}   (expected 0)`,
    `  wrong but "ok"     ${report.wrong}   (expected 0)`,
    `  usage rows         ${report.usageRows}   (expected ${report.sent})`,
    `  RSS MB             start ${report.rssMb.start}, middle ${report.rssMb.middle}, end ${report.rssMb.end}, max ${report.rssMb.max}`,
    `  heap MB            start ${report.heapMb.start}, middle ${report.heapMb.middle}, end ${report.heapMb.end}`,
    ...examples.map((example) => `  ! ${example}`),
    ok ? "  ok" : "  NOT OK",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
process.exitCode = ok ? 0 : 1;
