import assert from "node:assert/strict";
import { test } from "node:test";
import { Registry } from "prom-client";
import { DeferredCounter } from "../../src/gateway/deferred-counter.ts";

test("a deferred counter shows every count at each scrape, totals carried across scrapes", async () => {
  const registry = new Registry();
  const counter = new DeferredCounter({ name: "t_total", help: "test", labelNames: ["a", "b"] as const, registry });
  counter.series({ a: "x", b: "1" }).pending += 2;
  counter.series({ a: "x", b: "1" }).pending += 1;
  counter.series({ a: "y", b: "2" }).pending += 0.5;
  const first = await registry.metrics();
  assert.match(first, /^t_total\{a="x",b="1"\} 3$/m);
  assert.match(first, /^t_total\{a="y",b="2"\} 0.5$/m);
  counter.series({ a: "x", b: "1" }).pending += 4;
  const second = await registry.metrics();
  assert.match(second, /^t_total\{a="x",b="1"\} 7$/m);
  assert.match(second, /^t_total\{a="y",b="2"\} 0.5$/m);
  // Label sets whose values would join to the same text still count apart.
  counter.series({ a: "x\u0000y", b: "" }).pending += 1;
  counter.series({ a: "x", b: "y\u0000" }).pending += 1;
  const series = (await registry.metrics()).split("\n").filter((line) => line.startsWith("t_total{"));
  assert.equal(series.length, 4);
});
