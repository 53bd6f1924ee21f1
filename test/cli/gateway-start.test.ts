import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { runCli } from "./run-cli.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const node = join(root, "node_modules", ".bin", "node");
const mainPath = join(root, "src", "cli", "main.ts");
const directory = mkdtempSync(join(tmpdir(), "llmux-cli-gateway-"));
after(() => rmSync(directory, { recursive: true, force: true }));
// In-process runs share the test process's working directory: keep usage in memory, not in a file there.
const memoryConfig = join(directory, "memory-usage.yaml");
writeFileSync(memoryConfig, "usage:\n  store:\n    kind: memory\n");

/** Resolves with the gateway URL once `text` holds the startup line. */
function findUrl(text: string): string | undefined {
  return /listening on (http:\/\/\S+)/.exec(text)?.[1];
}

describe("llmux gateway start (in-process)", () => {
  it("prints the URL, the missing-provider hint and the client base URLs, then stops on the shutdown signal", async () => {
    const stop = new AbortController();
    let url: string | undefined;
    let resolveUrl: (value: string) => void = () => {};
    const started = new Promise<string>((resolve) => (resolveUrl = resolve));
    const running = runCli(["gateway", "start", "--config", memoryConfig, "--port", "0"], {
      cwd: directory,
      shutdown: stop.signal,
      onStdout(text) {
        url ??= findUrl(text);
        if (url && text.includes("Stop with Ctrl+C")) resolveUrl(url);
      },
    });
    const gatewayUrl = await Promise.race([started, running.then((result) => assert.fail(`exited early: ${result.stderr}`))]);
    const health = await fetch(`${gatewayUrl}/health`);
    assert.equal(health.status, 200);
    await health.arrayBuffer();
    stop.abort();
    const result = await running;
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /No LLM provider is configured.*\n(.*\n)*.*OPENAI_API_KEY/);
    assert.ok(result.stdout.includes(`OPENAI_BASE_URL=${gatewayUrl}/openai/v1`));
    assert.ok(result.stdout.includes(`ANTHROPIC_BASE_URL=${gatewayUrl}/anthropic`));
    assert.ok(result.stdout.includes(`${gatewayUrl}/gemini`));
    assert.match(result.stderr, /llmux: stopped/);
  });

  it("with --auto, lists the providers found in the environment, with key counts and no keys", async () => {
    const stop = new AbortController();
    const running = runCli(["gateway", "start", "--config", memoryConfig, "--auto", "--port", "0", "--host", "127.0.0.1"], {
      cwd: directory,
      env: { OPENAI_API_KEY: "sk-a,sk-b" },
      shutdown: stop.signal,
      onStdout(text) {
        if (text.includes("Stop with Ctrl+C")) stop.abort();
      },
    });
    const result = await running;
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Providers \(1\):\n +openai +openai-chat +2 keys +https:\/\/api\.openai\.com\/v1/);
    assert.doesNotMatch(result.stdout, /sk-a|sk-b/);
  });

  it("an invalid or missing config file stops it before listening, with file:line errors", async () => {
    const bad = join(directory, "bad.yaml");
    writeFileSync(bad, "server:\n  port: 99999\n");
    const invalid = await runCli(["gateway", "start", "--config", bad]);
    assert.equal(invalid.code, 1);
    assert.equal(invalid.stdout, "");
    assert.ok(invalid.stderr.startsWith(`${bad}:2: server.port: `), invalid.stderr);
    const missing = await runCli(["gateway", "start", "--config", join(directory, "no-such.yaml")]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no-such\.yaml: file not found/);
  });

  it("a port already in use is a plain failure, not a crash", async () => {
    const stop = new AbortController();
    let resolveUrl: (url: string) => void = () => {};
    const listening = new Promise<string>((resolve) => (resolveUrl = resolve));
    const first = runCli(["gateway", "start", "--config", memoryConfig, "--port", "0"], {
      shutdown: stop.signal,
      onStdout(text) {
        const url = findUrl(text);
        if (url) resolveUrl(url);
      },
    });
    const busyUrl = await Promise.race([listening, first.then((result) => assert.fail(`exited early: ${result.stderr}`))]);
    const port = new URL(busyUrl).port;
    const second = await runCli(["gateway", "start", "--config", memoryConfig, "--port", port]);
    stop.abort();
    assert.equal((await first).code, 0);
    assert.equal(second.code, 1);
    assert.match(second.stderr, /already in use.*--port/);
    assert.doesNotMatch(second.stderr, /internal error/);
  });
});

describe("llmux as a real process", () => {
  const childEnv = { PATH: process.env["PATH"] ?? "", HOME: directory };

  it("node src/cli/main.ts --help exits 0", async () => {
    const child = spawn(node, [mainPath, "--help"], { cwd: directory, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
    const code = await new Promise<number | null>((resolve) => child.once("exit", (exitCode) => resolve(exitCode)));
    assert.equal(code, 0);
    assert.match(stdout, /Usage: llmux <command>/);
  });

  it("gateway start --port 0 prints its URL, serves, and exits 0 on SIGTERM", async () => {
    const child = spawn(node, [mainPath, "gateway", "start", "--port", "0"], { cwd: directory, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<[number | null, string | null]>((resolve) => child.once("exit", (code, signal) => resolve([code, signal])));
    let stdout = "";
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding("utf8").on("data", (text: string) => {
        stdout += text;
        const found = findUrl(stdout);
        if (found && stdout.includes("Stop with Ctrl+C")) resolve(found);
      });
      void exited.then(() => reject(new Error(`exited before listening: ${stderr}`)));
    });
    const health = await fetch(`${url}/health`);
    assert.equal(health.status, 200);
    await health.arrayBuffer();
    child.kill("SIGTERM");
    const [code, signal] = await exited;
    assert.equal(signal, null, stderr);
    assert.equal(code, 0, stderr);
    assert.match(stderr, /llmux: stopped/);
  });
});
