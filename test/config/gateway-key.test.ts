import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { generateGatewayKey, hashKey, matchGatewayKey, verifyKey } from "../../src/config/gateway-key.ts";
import { parseConfigText } from "../../src/config/parse-config-text.ts";

describe("gateway keys", () => {
  it("hashes to sha256:<hex> of the key", () => {
    const expected = createHash("sha256").update("llmux_abc").digest("hex");
    assert.equal(hashKey("llmux_abc"), `sha256:${expected}`);
  });

  it("verifies the right key and rejects others", () => {
    const hash = hashKey("llmux_right");
    assert.equal(verifyKey("llmux_right", hash), true);
    assert.equal(verifyKey("llmux_wrong", hash), false);
    assert.equal(verifyKey("", hash), false);
  });

  it("rejects malformed hashes instead of throwing", () => {
    assert.equal(verifyKey("llmux_right", "llmux_right"), false);
    assert.equal(verifyKey("x", "sha256:abcd"), false);
    assert.equal(verifyKey("x", hashKey("x").toUpperCase()), false);
  });

  it("generates distinct keys whose hash verifies and fits the config", () => {
    const first = generateGatewayKey("laptop");
    const second = generateGatewayKey();
    assert.equal(first.id, "laptop");
    assert.match(second.id, /^key-[0-9a-f]{8}$/);
    assert.match(first.key, /^llmux_[A-Za-z0-9_-]{43}$/);
    assert.notEqual(first.key, second.key);
    assert.equal(verifyKey(first.key, first.hash), true);
    assert.equal(verifyKey(second.key, first.hash), false);
    const { config } = parseConfigText(`auth:\n  enabled: true\n  keys:\n    - { id: ${first.id}, hash: "${first.hash}" }\n`, "llmux.yaml", {});
    assert.equal(matchGatewayKey(first.key, config.auth.keys), "laptop");
    assert.equal(config.auth.keys[0]?.hash.includes(first.key), false);
  });

  it("finds which entry a key belongs to", () => {
    const entries = [
      { id: "a", hash: hashKey("key-a") },
      { id: "b", hash: hashKey("key-b") },
    ];
    assert.equal(matchGatewayKey("key-b", entries), "b");
    assert.equal(matchGatewayKey("key-c", entries), undefined);
    assert.equal(matchGatewayKey("key-a", []), undefined);
  });
});
