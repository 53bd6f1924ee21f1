/**
 * Ingress fuzzing: every dialect's chat endpoint gets malformed JSON, seeded mutations of
 * valid bodies (wrong types at every level), huge and deeply nested fields, invalid UTF-8,
 * truncated bodies and absurd headers. The answer is always a valid answer or a 4xx error in
 * that dialect's own shape; never a 5xx, never a hang, and the gateway still answers /health.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { isDialectError, parseJsonText } from "../../src/chaos/error-shape.ts";
import { readStreamFrames } from "../../src/chaos/read-stream-frames.ts";
import type { DialectId } from "../../src/core/types/message.ts";
import { getDialect } from "../../src/dialects/registry.ts";
import { chatEndpoints, startFuzzTarget, type ChatEndpoint, type FuzzTarget } from "./fuzz-gateway.ts";
import { mutateJson } from "./mutate-json.ts";
import { createRandom } from "../../src/chaos/create-random.ts";
import { buildHead, sendRaw } from "./raw-request.ts";

const seed = 20261122;
const mutationsPerDialect = 300;
const boundMs = 5000;

let target: FuzzTarget;
before(async () => {
  target = await startFuzzTarget();
});
after(async () => {
  await target.close();
});

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

async function post(endpoint: ChatEndpoint, body: string | Uint8Array, options: { stream?: boolean; headers?: Record<string, string> } = {}): Promise<Answer> {
  const response = await fetch(`${target.gateway.url}${endpoint.path(options.stream ?? false)}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...endpoint.headers, ...options.headers },
    body,
    signal: AbortSignal.timeout(boundMs),
  });
  return { status: response.status, contentType: response.headers.get("content-type") ?? "", text: await response.text() };
}

/** Why the answer is not acceptable, or undefined when it is. */
async function judge(dialect: DialectId, answer: Answer): Promise<string | undefined> {
  if (answer.status === 200) {
    if (answer.contentType.includes("event-stream") || answer.contentType.includes("ndjson")) {
      const ending = await readStreamFrames(dialect, answer.text);
      return ending.properEnd || ending.errorEnd ? undefined : "a 200 stream without a proper end or an error frame";
    }
    const body = parseJsonText(answer.text);
    try {
      getDialect(dialect).decodeResponse(body);
      return undefined;
    } catch (error) {
      return `a 200 that is not a ${dialect} answer: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  if (answer.status >= 400 && answer.status < 500) {
    if (!answer.contentType.includes("application/json")) return `HTTP ${answer.status} with content-type ${answer.contentType}`;
    return isDialectError(dialect, parseJsonText(answer.text)) ? undefined : `HTTP ${answer.status} without a ${dialect} error body: ${answer.text.slice(0, 200)}`;
  }
  return `HTTP ${answer.status}: ${answer.text.slice(0, 300)}`;
}

async function expectAcceptable(endpoint: ChatEndpoint, label: string, send: () => Promise<Answer>): Promise<void> {
  let answer: Answer;
  try {
    answer = await send();
  } catch (error) {
    assert.fail(`${label}: no answer (${error instanceof Error ? error.message : String(error)})`);
  }
  const problem = await judge(endpoint.dialect, answer);
  assert.equal(problem, undefined, `${label}: ${problem}`);
}

/** The gateway still answers, and nothing a caller sent counted against an upstream's health. */
async function expectHealthy(): Promise<void> {
  const response = await fetch(`${target.gateway.url}/health`, { signal: AbortSignal.timeout(boundMs) });
  assert.equal(response.status, 200);
  await response.arrayBuffer();
  const snapshot = target.gateway.runtime.health.snapshot();
  const blamed = [...snapshot.providers, ...snapshot.keys, ...snapshot.routes].filter((scope) => scope.failures > 0 || scope.cooldown !== undefined);
  assert.deepEqual(
    blamed.map((scope) => `${scope.provider}/${scope.model ?? "*"}: ${scope.recentErrors.map((error) => error.message).join("; ")}`),
    [],
    "caller input was counted against an upstream",
  );
}

/** Runs `count` cases with at most `width` in flight. */
async function runPool(count: number, width: number, run: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    for (let index = next++; index < count; index = next++) await run(index);
  }));
}

const malformedJson = ["", " ", "{", "[", "}", "null", "0", "true", '"text"', "[]", '{"model":}', "{'model':'x'}", '{"a":1}}', '{"a":1} trailing', "{\"a\":NaN}", "{\"a\":1,}", "/* c */{}", "\ufeff{}", '{"a":"\\x41"}', '{"a":"\\ud800"}'];

for (const endpoint of chatEndpoints) {
  describe(`${endpoint.dialect} chat endpoint`, () => {
    test("malformed JSON gets a 4xx in the dialect's shape", async () => {
      for (const text of malformedJson) await expectAcceptable(endpoint, JSON.stringify(text), () => post(endpoint, text));
      await expectHealthy();
    });

    test(`${mutationsPerDialect} seeded mutations of valid bodies: a valid answer or a 4xx, never a 5xx`, async () => {
      const random = createRandom(seed + endpoint.dialect.length);
      const cases = Array.from({ length: mutationsPerDialect }, (_, index) => ({ index, body: mutateJson(random.pick(endpoint.bodies), random), stream: random.below(4) === 0 }));
      await runPool(cases.length, 8, async (position) => {
        const fuzz = cases[position];
        if (!fuzz) return;
        const text = JSON.stringify(fuzz.body);
        await expectAcceptable(endpoint, `seed ${seed} case ${fuzz.index}: ${text.slice(0, 300)}`, () => post(endpoint, text, { stream: fuzz.stream }));
      });
      await expectHealthy();
    });

    test("huge fields: a 5 MB string, arrays 10,000 deep in every kind of place", async () => {
      const base = endpoint.bodies[0] as Record<string, unknown>;
      const huge = "a".repeat(5 * 1024 * 1024);
      const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
      const hugeBody = JSON.stringify(base).replace("What is the capital of France?", huge);
      await expectAcceptable(endpoint, "5 MB string", () => post(endpoint, hugeBody));
      const baseText = JSON.stringify(base);
      const placements = [
        `{"deep":${deep},${baseText.slice(1)}`,
        baseText.replace('"What is the capital of France?"', deep),
        baseText.replace(/"(messages|contents)":\[/, `"$1":[${deep},`),
        `{"tools":${deep},${baseText.slice(1)}`,
        `{"tools":[{"type":"function","function":{"name":"f","parameters":${deep.replace("[]", '[{"type":"object"}]')}}}],"functionDeclarations":${deep},${baseText.slice(1)}`,
      ];
      for (const [index, text] of placements.entries()) await expectAcceptable(endpoint, `deep placement ${index}`, () => post(endpoint, text));
      await expectHealthy();
    });

    test("invalid UTF-8 bytes inside and outside strings", async () => {
      const text = JSON.stringify(endpoint.bodies[0]);
      const inside = Buffer.from(text.replace("capital", "cap\u0001ital"), "utf8");
      inside[inside.indexOf(0x01)] = 0xff;
      const outside = Buffer.concat([Buffer.from(text.slice(0, -1)), Buffer.from([0x2c, 0xc3, 0x28, 0xa0, 0xa1]), Buffer.from("}")]);
      const overlong = Buffer.from(text.replace("France", "Fr\u0001nce"), "utf8");
      overlong[overlong.indexOf(0x01)] = 0xc0;
      for (const [label, bytes] of [["inside a string", inside], ["outside strings", outside], ["an overlong sequence", overlong]] as const) {
        await expectAcceptable(endpoint, label, () => post(endpoint, bytes));
      }
      await expectHealthy();
    });

    test("a body shorter than its content-length, then the client leaves", async () => {
      const text = JSON.stringify(endpoint.bodies[0]);
      const head = buildHead("POST", endpoint.path(false), [["host", "gateway"], ["content-type", "application/json"], ["content-length", String(text.length + 500)], ...Object.entries(endpoint.headers)]);
      for (const mode of ["endAfterWrite", "destroyAfterWrite"] as const) {
        const answer = await sendRaw({ url: target.gateway.url, bytes: Buffer.from(head + text.slice(0, 20)), [mode]: true, boundMs });
        // Nobody is left to read an answer; what matters is that the gateway let go and lives on.
        assert.ok(answer.closed, `${mode}: the gateway kept the half-sent request open past ${boundMs} ms`);
      }
      await expectHealthy();
    });

    test("model names no header or URL can carry: control characters, line breaks, bad percent-encoding", async () => {
      const names = ["gpt-4o-mini\u0000", "claude-haiku-4-5\r\nx-evil: 1", "\u00ff\u00fe", "🙂", "a".repeat(5000), " "];
      for (const name of names) {
        if (endpoint.dialect === "gemini") {
          const path = `/gemini/v1beta/models/${encodeURIComponent(name)}:generateContent`;
          await expectAcceptable(endpoint, `path model ${JSON.stringify(name.slice(0, 20))}`, () => post({ ...endpoint, path: () => path }, JSON.stringify(endpoint.bodies[0])));
        } else {
          const body = JSON.stringify({ ...(endpoint.bodies[0] as Record<string, unknown>), model: name });
          await expectAcceptable(endpoint, `model ${JSON.stringify(name.slice(0, 20))}`, () => post(endpoint, body));
        }
      }
      if (endpoint.dialect === "gemini") {
        for (const segment of ["%E0%A4%A", "%", "%zz", "gemini-2.5-flash%00"]) {
          const path = `/gemini/v1beta/models/${segment}:generateContent`;
          await expectAcceptable(endpoint, `path segment ${segment}`, () => post({ ...endpoint, path: () => path }, JSON.stringify(endpoint.bodies[0])));
        }
      }
      await expectHealthy();
    });

    test("absurd headers: very long, very many, odd characters", async () => {
      const text = JSON.stringify(endpoint.bodies[0]);
      const odd = "\u00ff\u00e9\u00a0 ;,=\"'<>{}\\";
      const variants: Record<string, string>[] = [
        { "x-llmux-mode": odd },
        { "x-llmux-fallbacks": Array.from({ length: 500 }, (_, index) => `model-${index}`).join(",") },
        { "x-llmux-fallbacks": ",,, ,\u00ff" },
        { "x-request-id": "x".repeat(4000) },
        { "x-llmux-provider-key": odd },
        { authorization: `Bearer ${odd}` },
        { "anthropic-version": odd, "anthropic-beta": odd },
        { "openai-organization": odd, "openai-project": "p".repeat(6000) },
        { "content-type": "text/plain" },
        Object.fromEntries(Array.from({ length: 150 }, (_, index) => [`x-fuzz-${index}`, "v".repeat(40)])),
      ];
      for (const [index, headers] of variants.entries()) {
        const latin1 = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Buffer.from(value, "latin1").toString("latin1")]));
        await expectAcceptable(endpoint, `header variant ${index}`, () => post(endpoint, text, { headers: latin1 }));
      }
      await expectHealthy();
    });
  });
}

describe("requests the HTTP parser refuses", () => {
  test("a header section past the limit, a NUL in a header, a bad request line: a 4xx JSON error and the connection closed", async () => {
    const endpoint = chatEndpoints[0] as ChatEndpoint;
    const body = JSON.stringify(endpoint.bodies[0]);
    const heads = [
      buildHead("POST", endpoint.path(false), [["host", "g"], ["x-big", "b".repeat(70_000)], ["content-length", String(body.length)]]),
      buildHead("POST", endpoint.path(false), [["host", "g"], ["x-nul", "a\u0000b"], ["content-length", String(body.length)]]),
      `POST /v1/chat/completions HTTP/9.9 garbage\r\nhost: g\r\n\r\n`,
    ];
    for (const head of heads) {
      const answer = await sendRaw({ url: target.gateway.url, bytes: Buffer.from(head + body, "latin1"), boundMs });
      assert.ok(answer.status !== undefined && answer.status >= 400 && answer.status < 500, `answered ${answer.status}: ${answer.text.slice(0, 100)}`);
      assert.ok(answer.closed);
      // Even these get a JSON error body, not a bare status line.
      assert.match(answer.text, /"error":\{"message":/);
    }
    await expectHealthy();
  });
});
