import assert from "node:assert/strict";
import { test } from "node:test";
import { mapComponentStatus, mapPageIndicator } from "../../src/status/map-statuspage-status.ts";

test("every Statuspage component status maps to a level", () => {
  assert.equal(mapComponentStatus("operational"), "operational");
  assert.equal(mapComponentStatus("degraded_performance"), "degraded");
  assert.equal(mapComponentStatus("partial_outage"), "degraded");
  assert.equal(mapComponentStatus("under_maintenance"), "degraded");
  assert.equal(mapComponentStatus("major_outage"), "down");
  assert.equal(mapComponentStatus("on_fire"), "unknown");
  assert.equal(mapComponentStatus(undefined), "unknown");
});

test("page indicators map to levels, major and critical meaning down", () => {
  assert.equal(mapPageIndicator("none"), "operational");
  assert.equal(mapPageIndicator("minor"), "degraded");
  assert.equal(mapPageIndicator("maintenance"), "degraded");
  assert.equal(mapPageIndicator("major"), "down");
  assert.equal(mapPageIndicator("critical"), "down");
  assert.equal(mapPageIndicator("purple"), "unknown");
  assert.equal(mapPageIndicator(undefined), "unknown");
});
