import assert from "node:assert/strict";
import { test } from "node:test";
import { InvalidRequestError } from "../../src/core/errors.ts";
import { parseUsageGroupBy, parseUsagePeriod } from "../../src/usage/parse-usage-options.ts";
import { resolvePeriod } from "../../src/usage/resolve-period.ts";
import { testNow } from "./usage-fixtures.ts";

test("parses preset periods and ISO ranges", () => {
  for (const preset of ["1h", "24h", "7d", "30d", "all"]) assert.equal(parseUsagePeriod(preset), preset);
  assert.deepEqual(parseUsagePeriod("2025-01-01..2025-02-01"), { since: new Date("2025-01-01T00:00:00Z"), until: new Date("2025-02-01T00:00:00Z") });
  assert.deepEqual(parseUsagePeriod("2025-01-01T12:00:00Z.."), { since: new Date("2025-01-01T12:00:00Z") });
});

test("a bad period or group_by is an InvalidRequestError naming the parameter", () => {
  for (const text of ["2w", "", "..2025-01-01", "yesterday..today"]) {
    assert.throws(() => parseUsagePeriod(text), (error) => error instanceof InvalidRequestError && error.param === "period", text);
  }
  assert.throws(() => parseUsageGroupBy("team"), (error) => error instanceof InvalidRequestError && error.param === "group_by");
});

test("parses every group_by", () => {
  for (const groupBy of ["model", "provider", "key", "gateway-key", "route-mode", "day"]) assert.equal(parseUsageGroupBy(groupBy), groupBy);
});

test("presets end at no bound and start that long before now", () => {
  assert.deepEqual(resolvePeriod("24h", testNow), { since: "2025-06-14T12:00:00.000Z", until: undefined });
  assert.deepEqual(resolvePeriod("all", testNow), { since: undefined, until: undefined });
  assert.deepEqual(resolvePeriod({ since: new Date("2025-06-01T00:00:00Z") }, testNow), { since: "2025-06-01T00:00:00.000Z", until: undefined });
});
