import assert from "node:assert/strict";
import { test } from "node:test";
import { Histogram, Registry } from "prom-client";
import { DeferredHistogram } from "../../src/gateway/deferred-histogram.ts";

test("a deferred histogram renders exactly what prom-client's own histogram renders for the same observations", async () => {
  const buckets = [0.005, 0.1, 1, 2.5];
  const oursRegistry = new Registry();
  const theirsRegistry = new Registry();
  const ours = new DeferredHistogram({ name: "t_seconds", help: "test", labelNames: ["dialect", "provider"] as const, buckets, registry: oursRegistry });
  const theirs = new Histogram({ name: "t_seconds", help: "test", labelNames: ["dialect", "provider"] as const, buckets, registers: [theirsRegistry] });
  const observations: Array<[string, string, number]> = [
    ["openai-chat", "openai", 0.004],
    ["openai-chat", "openai", 0.005], // on a bound: counted in that bucket (le)
    ["openai-chat", "openai", 0.3],
    ["gemini", "google", 7],
    ["openai-chat", "openai", 2.5],
    ["gemini", 'a "quoted"\nname', 0.05],
  ];
  for (const [dialect, provider, value] of observations) {
    ours.series({ dialect, provider }).observe(value);
    theirs.labels({ dialect, provider }).observe(value);
  }
  assert.equal(await oursRegistry.metrics(), await theirsRegistry.metrics());
  ours.series({ dialect: "gemini", provider: "google" }).observe(0.2);
  theirs.labels({ dialect: "gemini", provider: "google" }).observe(0.2);
  assert.equal(await oursRegistry.metrics(), await theirsRegistry.metrics());
});
