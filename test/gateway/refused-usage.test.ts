import assert from "node:assert/strict";
import { test } from "node:test";
import { startTestGateway } from "./support.ts";

test("requests refused before routing still leave a usage row with their status", async () => {
  const gateway = await startTestGateway([]);
  const malformed = await fetch(`${gateway.url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
  assert.equal(malformed.status, 400);
  const undecodable = await fetch(`${gateway.url}/anthropic/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "claude-haiku-4-5", messages: "not a list", max_tokens: 10 }),
  });
  assert.equal(undecodable.status, 400);
  const rows = await gateway.usageStore.query();
  assert.deepEqual(
    rows.map((row) => [row.ingressDialect, row.requestedModel, row.status, row.errorKind]).sort(),
    [
      ["anthropic-messages", "claude-haiku-4-5", 400, "invalid_request"],
      ["openai-chat", null, 400, "invalid_request"],
    ],
  );
});
