import assert from "node:assert/strict";
import { after, test } from "node:test";
import { StatusAPI } from "../../src/status/index.ts";
import { sendJson, startTestServer, type TestServer } from "../support/http-server.ts";
import { setup, type Fixture } from "./support.ts";

const closers: Array<{ close(): Promise<void> }> = [];
after(async () => {
  await Promise.all(closers.map((closer) => closer.close()));
});

function summary(status: "operational" | "major_outage"): unknown {
  const now = new Date().toISOString();
  return {
    page: { id: "p1", name: "Anthropic", url: "https://status.claude.com", time_zone: "Etc/UTC", updated_at: now },
    status: { indicator: status === "operational" ? "none" : "major", description: status === "operational" ? "All Systems Operational" : "Major System Outage" },
    components: [
      { id: "c1", name: "Claude API (api.anthropic.com)", status, created_at: now, updated_at: now, position: 1, description: null, showcase: true, start_date: null, group_id: null, page_id: "p1", group: false, only_show_if_degraded: false },
    ],
    incidents: [],
    scheduled_maintenances: [],
  };
}

/** Only the page under test: every default page off, so nothing leaves this machine. */
function statusFor(page: TestServer | string, checkTimeout: number): StatusAPI {
  const baseUrl = typeof page === "string" ? page : page.url;
  return new StatusAPI({
    checkTimeout,
    statusPages: { anthropic: { baseUrl, components: ["Claude API"] }, openai: false, groq: false, deepseek: false },
  });
}

async function withProviders(status: StatusAPI): Promise<Fixture> {
  const fixture = await setup({ anthropic: { dialect: "anthropic-messages" }, openrouter: { dialect: "openai-chat" } }, { status });
  closers.push(fixture);
  return fixture;
}

test("a provider whose status page reports a major outage is skipped without a call", async () => {
  const page = await startTestServer((_request, response) => sendJson(response, 200, summary("major_outage")));
  closers.push(page);
  const { router, calls } = await withProviders(statusFor(page, 1000));
  const plan = await router.plan("hi", { model: "claude-sonnet-4-6" });
  assert.match(plan.skipped.find((skip) => skip.provider === "anthropic")?.reason ?? "", /^status status-page says down/);
  const resp = await router.route("hi", { model: "claude-sonnet-4-6" });
  assert.equal(resp.providerUsed, "openrouter");
  assert.equal(calls("anthropic"), 0);
  assert.match(resp.fallbackReason ?? "", /anthropic: status status-page says down/);
});

test("an operational page changes nothing", async () => {
  const page = await startTestServer((_request, response) => sendJson(response, 200, summary("operational")));
  closers.push(page);
  const { router } = await withProviders(statusFor(page, 1000));
  const resp = await router.route("hi", { model: "claude-sonnet-4-6" });
  assert.equal(resp.providerUsed, "anthropic");
  assert.equal(resp.wasFallback, false);
});

test("a status source that never answers does not fail or hold the request past checkTimeout", async () => {
  const page = await startTestServer(() => {
    // never answers
  });
  closers.push(page);
  const { router } = await withProviders(statusFor(page, 100));
  const resp = await router.route("hi", { model: "claude-sonnet-4-6" });
  assert.equal(resp.providerUsed, "anthropic");
  assert.equal(resp.wasFallback, false);
});

test("an unreachable status source (connection refused) is treated as unknown", async () => {
  const { router } = await withProviders(statusFor("http://127.0.0.1:9", 500));
  const resp = await router.route("hi", { model: "claude-sonnet-4-6" });
  assert.equal(resp.providerUsed, "anthropic");
});
