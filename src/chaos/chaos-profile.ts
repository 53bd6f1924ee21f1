/**
 * @module
 * The numbers a scorecard run uses: the gateway's timeouts, how long the faults last, and the
 * client's own bounds. `bounded` keeps every case well under a second or two (the test suite);
 * `full` uses timeouts closer to a real deployment's, scaled down so a run takes minutes.
 */
export interface ChaosProfile {
  name: "bounded" | "full";
  /** The gateway's per-try and total timeouts. */
  timeouts: { connectMs: number; firstTokenMs: number; idleMs: number; attemptMs: number; totalMs: number };
  /** Base cooldown of the transient failure kinds (so recovery shows within a case). */
  cooldownMs: number;
  /** The 429 scenario's Retry-After. */
  retryAfterMs: number;
  /** The slow scenarios' delay: past both the first-token and the attempt limits. */
  slowMs: number;
  /** A client gives up after this: not answering by then is a hang. */
  clientTimeoutMs: number;
  /** A clean error must arrive within this to count as prompt: the gateway's total deadline and a little. */
  safeBoundMs: number;
  /** The flapping primary: down this long, a request every `intervalMs`, back on it within `recoveryBoundMs`. */
  flap: { downMs: number; intervalMs: number; recoveryBoundMs: number };
  /** Cases run at once (each has its own gateway and upstreams). */
  concurrency: number;
}

export const boundedProfile: ChaosProfile = {
  name: "bounded",
  timeouts: { connectMs: 500, firstTokenMs: 400, idleMs: 400, attemptMs: 800, totalMs: 3000 },
  cooldownMs: 100,
  retryAfterMs: 300,
  slowMs: 1500,
  clientTimeoutMs: 6000,
  safeBoundMs: 3500,
  flap: { downMs: 600, intervalMs: 40, recoveryBoundMs: 1500 },
  concurrency: 4,
};

export const fullProfile: ChaosProfile = {
  name: "full",
  timeouts: { connectMs: 1000, firstTokenMs: 1500, idleMs: 1500, attemptMs: 3000, totalMs: 10_000 },
  cooldownMs: 250,
  retryAfterMs: 1000,
  slowMs: 5000,
  clientTimeoutMs: 30_000,
  safeBoundMs: 11_000,
  flap: { downMs: 2000, intervalMs: 50, recoveryBoundMs: 4000 },
  concurrency: 4,
};
