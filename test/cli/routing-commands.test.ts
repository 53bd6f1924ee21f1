import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { startSimulatedProvider, type SimulatedProvider } from "../../src/simulator/index.ts";
import { runCli } from "./run-cli.ts";

let openai: SimulatedProvider;
let anthropic: SimulatedProvider;
let env: Record<string, string>;

before(async () => {
  openai = await startSimulatedProvider({ dialect: "openai-chat" });
  anthropic = await startSimulatedProvider({ dialect: "anthropic-messages" });
  env = { OPENAI_API_KEY: "sk-test-openai", OPENAI_BASE_URL: openai.url, ANTHROPIC_API_KEY: "sk-ant-test", ANTHROPIC_BASE_URL: anthropic.url };
});
after(async () => {
  await Promise.all([openai.close(), anthropic.close()]);
});
beforeEach(() => {
  openai.setScript(undefined);
  anthropic.setScript(undefined);
  openai.requests.length = 0;
  anthropic.requests.length = 0;
});

describe("llmux plan", () => {
  it("shows the ordered candidates and why the others are skipped, calling no model", async () => {
    const result = await runCli(["plan", "--model", "gpt-4.1", "Hello"], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Plan for model gpt-4\.1/);
    assert.match(result.stdout, /^ *1 +openai +gpt-4\.1 +gpt-4\.1 +requested model gpt-4\.1/m);
    assert.match(result.stdout, /openrouter\/gpt-4\.1: not configured \(set OPENROUTER_API_KEY\)/);
    assert.equal(openai.requests.length + anthropic.requests.length, 0);
  });

  it("--json gives the plan without any key", async () => {
    const result = await runCli(["plan", "--model", "claude-sonnet-4-6", "--json", "Hello"], { env });
    assert.equal(result.code, 0, result.stderr);
    const plan = JSON.parse(result.stdout) as { candidates: Array<{ provider: string; model: string; origin: string }>; skipped: Array<{ reason: string }> };
    assert.deepEqual(plan.candidates[0], { ...plan.candidates[0], provider: "anthropic", model: "claude-sonnet-4-6", origin: "requested" });
    assert.ok(plan.candidates.some((candidate) => candidate.provider === "openai"), "a peer on the other configured provider");
    assert.doesNotMatch(result.stdout, /sk-test-openai|sk-ant-test/);
  });

  it("--tier auto says how the request was judged and which tier it chose", async () => {
    const simple = await runCli(["plan", "--tier", "auto", "Hi there"], { env });
    assert.equal(simple.code, 0, simple.stderr);
    assert.match(simple.stdout, /Complexity: simple \(score 0\) -> tier fast: short plain request/);
    const complex = await runCli(["plan", "--tier", "auto", "Explain step by step and analyze the trade-offs of this design: ```const x = 1```"], { env });
    assert.equal(complex.code, 0, complex.stderr);
    assert.match(complex.stdout, /Complexity: complex .* -> tier strong: .*contains code/);
  });
});

describe("llmux chat", () => {
  it("prints the answer on stdout and the route summary on stderr", async () => {
    const result = await runCli(["chat", "--model", "gpt-4.1", "--system", "Be brief.", "hello", "world"], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "Simulated answer to: hello world\n");
    assert.match(result.stderr, /^route: gpt-4\.1 via openai \| no fallback \| tokens \d+ in \/ \d+ out \| cost \$\d\.\d+ \| \d+ ms$/m);
    const sent = openai.requests[0];
    assert.equal(sent?.headers.authorization, "Bearer sk-test-openai");
    assert.equal((sent?.body as { model?: string }).model, "gpt-4.1");
  });

  it("says when the answer came from a fallback, and why", async () => {
    anthropic.setScript({ fail: { kind: "overloaded", status: 529 } });
    const result = await runCli(["chat", "--model", "claude-sonnet-4-6", "Hello"], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /via openai \| fallback: anthropic: 529 overloaded; fell back to openai/);
    assert.ok(anthropic.requests.length >= 1);
  });

  it("reads the prompt from stdin when none is given", async () => {
    const result = await runCli(["chat", "--model", "gpt-4.1"], { env, stdin: "piped prompt\n" });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "Simulated answer to: piped prompt\n");
  });

  it("--stream prints the text as it comes; a cut stream ends with an error and exit 1", async () => {
    const streamed = await runCli(["chat", "--model", "gpt-4.1", "--stream", "count", "please"], { env });
    assert.equal(streamed.code, 0, streamed.stderr);
    assert.equal(streamed.stdout, "Simulated answer to: count please\n");
    assert.equal(openai.requests[0]?.stream, true);

    openai.setScript({ reply: { text: "one two three four five six" }, chunkDelayMs: 5, cutAfterChunks: 2 });
    const cut = await runCli(["chat", "--model", "gpt-4.1", "--stream", "count"], { env });
    assert.equal(cut.code, 1);
    assert.equal(cut.stdout, "one two \n");
    assert.match(cut.stderr, /the stream broke after the answer had started/);
  });

  it("--config takes providers and tiers from a gateway config file", async () => {
    const directory = mkdtempSync(join(tmpdir(), "llmux-cli-chat-"));
    try {
      const config = join(directory, "llmux.yaml");
      writeFileSync(config, `providers:\n  openai:\n    baseUrl: ${openai.url}\n    keys: ["\${MY_KEY}"]\ntiers:\n  house: [gpt-4.1-mini]\n`);
      const result = await runCli(["chat", "--config", config, "--tier", "house", "hello"], { env: { MY_KEY: "sk-from-config" } });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /^route: gpt-4\.1-mini via openai \| no fallback/m);
      assert.equal(openai.requests[0]?.headers.authorization, "Bearer sk-from-config");
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("without any provider, says which variables to set (exit 1); without a model, exit 2", async () => {
    const none = await runCli(["chat", "--model", "gpt-4.1", "hi"]);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /OPENAI_API_KEY/);
    assert.match(none.stderr, /llmux demo/);
    const noModel = await runCli(["chat", "hi"], { env });
    assert.equal(noModel.code, 2);
  });
});

describe("llmux compare", () => {
  it("sends the prompt to every model and prints one row each", async () => {
    const result = await runCli(["compare", "--models", "gpt-4.1,claude-sonnet-4-6", "Say", "hi"], { env });
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split("\n");
    assert.match(lines[0] ?? "", /^MODEL +PROVIDER +LATENCY MS +IN +OUT +COST +ANSWER/);
    assert.match(result.stdout, /^gpt-4\.1 +openai +\d+ +\d+ +\d+ +\$\S+ +Simulated answer to: Say hi$/m);
    assert.match(result.stdout, /^claude-sonnet-4-6 +anthropic +.*Simulated answer to: Say hi$/m);
    assert.equal(openai.requests.length, 1);
    assert.equal(anthropic.requests.length, 1);
  });

  it("shows a failing model as an error row without replacing it by another model", async () => {
    anthropic.setScript({ fail: { kind: "auth" } });
    const result = await runCli(["compare", "--models", "gpt-4.1,claude-sonnet-4-6", "--json", "Say hi"], { env });
    assert.equal(result.code, 0, result.stderr);
    const rows = JSON.parse(result.stdout) as Array<{ model: string; provider?: string; error?: string }>;
    assert.equal(rows[0]?.provider, "openai");
    assert.equal(rows[1]?.model, "claude-sonnet-4-6");
    assert.ok(rows[1]?.error, JSON.stringify(rows[1]));
    assert.equal(openai.requests.length, 1, "no substitute model was called on openai");
  });
});

describe("llmux vision", () => {
  const directory = mkdtempSync(join(tmpdir(), "llmux-cli-vision-"));
  after(() => rmSync(directory, { recursive: true, force: true }));
  // The 8-byte PNG signature and an IHDR start: enough for the type to be recognised.
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);

  it("sends the image file inline as base64 with the prompt", async () => {
    writeFileSync(join(directory, "pixel.png"), png);
    const result = await runCli(["vision", "--model", "gpt-4.1", "pixel.png", "What", "is", "this?"], { env, cwd: directory });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Simulated answer/);
    const body = openai.requests[0]?.body as { messages: Array<{ content: Array<{ type: string; image_url?: { url: string }; text?: string }> }> };
    const parts = body.messages[0]?.content ?? [];
    assert.equal(parts[0]?.image_url?.url, `data:image/png;base64,${png.toString("base64")}`);
    assert.equal(parts[1]?.text, "What is this?");
  });

  it("rejects a file that is not an image, and reports a missing one", async () => {
    writeFileSync(join(directory, "notes.txt"), "hello");
    const text = await runCli(["vision", "--model", "gpt-4.1", "notes.txt", "What?"], { env, cwd: directory });
    assert.equal(text.code, 2);
    const missing = await runCli(["vision", "--model", "gpt-4.1", "missing.png", "What?"], { env, cwd: directory });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Cannot read missing\.png: ENOENT/);
    assert.equal(openai.requests.length, 0);
  });
});
