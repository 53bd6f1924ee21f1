import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { parseCatalogData } from "../../src/catalog/model-schema.ts";
import type { ModelEntry } from "../../src/catalog/model-types.ts";
import { defaultDataPath, type PriceListEntry } from "../../scripts/refresh-catalog.ts";
import { sendJson, startTestServer, type TestServer } from "../support/http-server.ts";

const run = promisify(execFile);
const script = fileURLToPath(new URL("../../scripts/refresh-catalog.ts", import.meta.url));

/** A small list in OpenRouter's wire shape (prices are USD per token, as strings). */
const priceList: PriceListEntry[] = [
  // First-party listing: new list price for the vendor's own model.
  {
    id: "anthropic/claude-sonnet-4.6",
    context_length: 1_000_000,
    pricing: { prompt: "0.0000025", completion: "0.000012", input_cache_read: "0.00000025", input_cache_write: "0.000003125" },
  },
  // Same figures as bundled: no change.
  { id: "openai/gpt-4o", context_length: 128_000, pricing: { prompt: "0.0000025", completion: "0.00001", input_cache_read: "0.00000125" } },
  // Open weights hosted by others: only OpenRouter's own price moves.
  { id: "meta-llama/llama-3.3-70b-instruct", context_length: 65_536, pricing: { prompt: "0.00000012", completion: "0.0000003" } },
  // A bigger context window.
  { id: "google/gemini-2.5-flash", context_length: 2_097_152, pricing: { prompt: "0.0000003", completion: "0.0000025", input_cache_read: "0.00000003" } },
  // OpenRouter is the home provider.
  { id: "minimax/minimax-m3", context_length: 1_048_576, pricing: { prompt: "0.00000035", completion: "0.0000012" } },
  // Would make cache reads dearer than input: refused.
  { id: "x-ai/grok-4", context_length: 256_000, pricing: { prompt: "0.000003", completion: "0.000015", input_cache_read: "0.000004" } },
  // Variable pricing (-1) and unknown ids are ignored.
  { id: "openrouter/auto", context_length: 2_000_000, pricing: { prompt: "-1", completion: "-1" } },
  { id: "acme/not-in-catalog", context_length: 4_096, pricing: { prompt: "0.000001", completion: "0.000001" } },
];

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function refresh(args: string[]): Promise<RunResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [script, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

function modelIn(text: string, id: string): ModelEntry {
  const model = parseCatalogData(JSON.parse(text)).models.find((entry) => entry.id === id);
  assert.ok(model !== undefined, id);
  return model;
}

describe("scripts/refresh-catalog.ts", () => {
  let server: TestServer;
  let directory: string;
  let dataPath: string;
  let original: string;

  before(async () => {
    server = await startTestServer((request, response) => {
      if (request.url === "/api/v1/models") sendJson(response, 200, { data: priceList });
      else sendJson(response, 500, { error: { message: "upstream broke" } });
    });
    directory = await mkdtemp(join(tmpdir(), "llmux-refresh-"));
    dataPath = join(directory, "models.json");
    original = await readFile(defaultDataPath, "utf8");
  });

  after(async () => {
    await server.close();
    await rm(directory, { recursive: true, force: true });
  });

  it("prints the diff and writes nothing with --dry-run", async () => {
    await writeFile(dataPath, original);
    const result = await refresh(["--source", `${server.url}/api/v1/models`, "--data", dataPath, "--dry-run"]);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split("\n");
    assert.ok(lines.includes("claude-sonnet-4-6 (anthropic/claude-sonnet-4.6): pricing.input 3 -> 2.5"), result.stdout);
    assert.ok(lines.includes("claude-sonnet-4-6 (anthropic/claude-sonnet-4.6): pricing.output 15 -> 12"));
    assert.ok(lines.includes("claude-sonnet-4-6 (anthropic/claude-sonnet-4.6): pricing.cacheWrite 3.75 -> 3.125"));
    assert.ok(lines.includes("llama-3.3-70b-versatile (meta-llama/llama-3.3-70b-instruct): providerPricing.openrouter.input 0.1 -> 0.12"));
    assert.ok(lines.includes("gemini-2.5-flash (google/gemini-2.5-flash): contextWindow 1048576 -> 2097152"));
    assert.ok(lines.includes("minimax-m3 (minimax/minimax-m3): pricing.input 0.3 -> 0.35"));
    assert.ok(lines.some((line) => line.startsWith("warning: skipped grok-4: ") && line.includes("cacheRead")), result.stdout);
    assert.ok(!result.stdout.includes("gpt-4o"), "unchanged models are not listed");
    assert.ok(!result.stdout.includes("not-in-catalog") && !result.stdout.includes("openrouter/auto"));
    assert.match(lines.at(-1) ?? "", /^8 changes in 4 models \(dry run: nothing written\)\.$/);
    assert.equal(await readFile(dataPath, "utf8"), original);
    assert.equal(server.requests.at(-1)?.method, "GET");
  });

  it("writes the new figures, leaving everything else as it was", async () => {
    await writeFile(dataPath, original);
    const result = await refresh(["--source", `${server.url}/api/v1/models`, "--data", dataPath]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /8 changes in 4 models written to /);
    const updated = await readFile(dataPath, "utf8");

    const sonnet = modelIn(updated, "claude-sonnet-4-6");
    assert.deepEqual(sonnet.pricing, { input: 2.5, output: 12, cacheRead: 0.25, cacheWrite: 3.125 });
    assert.match(sonnet.checked ?? "", /^\d{4}-\d{2}-\d{2}$/);
    assert.match(sonnet.source ?? "", /refresh-catalog/);

    const llama = modelIn(updated, "llama-3.3-70b-versatile");
    assert.deepEqual(llama.pricing, modelIn(original, "llama-3.3-70b-versatile").pricing, "home (groq) price untouched");
    assert.equal(llama.contextWindow, 131_072, "a third-party host's context does not change the model's");
    assert.deepEqual(llama.providerPricing?.openrouter, { input: 0.12, output: 0.3 });

    assert.equal(modelIn(updated, "gemini-2.5-flash").contextWindow, 2_097_152);
    assert.equal(modelIn(updated, "minimax-m3").pricing?.input, 0.35);
    for (const unchanged of ["gpt-4o", "grok-4", "o3"]) {
      assert.deepEqual(modelIn(updated, unchanged), modelIn(original, unchanged), unchanged);
    }
    // Same layout as the bundled file: refreshes produce small diffs.
    assert.equal(updated.split("\n").length, original.split("\n").length + 6, "checked and source added to the 3 models whose own figures changed");
  });

  it("reads a list from a file, and a second run finds nothing to change", async () => {
    await writeFile(dataPath, original);
    const listPath = join(directory, "list.json");
    await writeFile(listPath, JSON.stringify({ data: priceList }));
    assert.equal((await refresh(["--source", listPath, "--data", dataPath])).code, 0);
    const second = await refresh(["--source", listPath, "--data", dataPath]);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /No changes \(8 listings checked\)\./);
  });

  it("fails without touching the file when the source answers an error", async () => {
    await writeFile(dataPath, original);
    const result = await refresh(["--source", `${server.url}/broken`, "--data", dataPath]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /answered 500/);
    assert.equal(await readFile(dataPath, "utf8"), original);
  });
});
