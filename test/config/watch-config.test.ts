import assert from "node:assert/strict";
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, describe, it } from "node:test";
import { InvalidConfigError, type ConfigIssue } from "../../src/config/config-issue.ts";
import type { LlmuxConfig } from "../../src/config/schema.ts";
import { watchConfig } from "../../src/config/watch-config.ts";
import type { ConfigError } from "../../src/core/errors.ts";

type WatchEvent = { type: "change"; config: LlmuxConfig; warnings: ConfigIssue[] } | { type: "error"; error: ConfigError };

/** Collects watcher callbacks; `next()` waits for the next one (the test runner's timeout bounds it). */
function createRecorder(): { handlers: Parameters<typeof watchConfig>[1]; next(): Promise<WatchEvent> } {
  const queued: WatchEvent[] = [];
  const waiting: ((event: WatchEvent) => void)[] = [];
  const push = (event: WatchEvent): void => {
    const resolve = waiting.shift();
    if (resolve) resolve(event);
    else queued.push(event);
  };
  return {
    handlers: {
      onChange: (config, warnings) => push({ type: "change", config, warnings }),
      onError: (error) => push({ type: "error", error }),
    },
    next: () => {
      const event = queued.shift();
      return event ? Promise.resolve(event) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

const directory = mkdtempSync(join(tmpdir(), "llmux-watch-"));
after(() => rmSync(directory, { recursive: true, force: true }));

describe("watchConfig", { timeout: 20_000 }, () => {
  it("applies valid changes, rejects invalid ones and keeps the running config", async () => {
    const path = join(directory, "llmux.yaml");
    writeFileSync(path, "server:\n  port: 4001\n");
    const recorder = createRecorder();
    const watcher = watchConfig(path, recorder.handlers, { debounceMs: 20, env: {} });
    try {
      assert.equal(watcher.current()?.server.port, 4001);

      writeFileSync(path, "server:\n  port: 4002\nproviders:\n  openai:\n    keys: [sk-literal]\n");
      const changed = await recorder.next();
      assert.equal(changed.type, "change");
      assert.ok(changed.type === "change");
      assert.equal(changed.config.server.port, 4002);
      assert.equal(changed.warnings[0]?.field, "providers.openai.keys[0]");
      assert.equal(watcher.current()?.server.port, 4002);

      writeFileSync(path, "server:\n  port: 4003\n  prot: 1\n");
      const rejected = await recorder.next();
      assert.ok(rejected.type === "error", "an invalid file reports an error");
      assert.ok(rejected.error instanceof InvalidConfigError);
      assert.equal(rejected.error.message, `${path}:3: server.prot: unknown key (did you mean "port"?)`);
      assert.equal(watcher.current()?.server.port, 4002, "the running config stays");

      // Fixing the file applies it again.
      writeFileSync(path, "server:\n  port: 4004\n");
      const fixed = await recorder.next();
      assert.ok(fixed.type === "change");
      assert.equal(fixed.config.server.port, 4004);
    } finally {
      watcher.close();
    }
  });

  it("follows editors that save by renaming a new file over the old one", async () => {
    const path = join(directory, "renamed.yaml");
    writeFileSync(path, "server:\n  port: 5001\n");
    const recorder = createRecorder();
    const watcher = watchConfig(path, recorder.handlers, { debounceMs: 20, env: {} });
    try {
      for (const port of [5002, 5003]) {
        const temporary = join(directory, `.renamed.yaml.${port}.tmp`);
        writeFileSync(temporary, `server:\n  port: ${port}\n`);
        renameSync(temporary, path);
        const event = await recorder.next();
        assert.ok(event.type === "change");
        assert.equal(event.config.server.port, port);
      }
    } finally {
      watcher.close();
    }
  });

  it("skips saves that leave the text unchanged or empty, and ignores other files", async () => {
    const path = join(directory, "same.yaml");
    writeFileSync(path, "server:\n  port: 6001\n");
    const recorder = createRecorder();
    const watcher = watchConfig(path, recorder.handlers, { debounceMs: 20, env: {} });
    try {
      writeFileSync(path, "server:\n  port: 6001\n");
      writeFileSync(path, "");
      writeFileSync(join(directory, "neighbour.yaml"), "server: nonsense\n");
      // Let those events settle on their own, so they cannot merge with the next save.
      await sleep(200);
      writeFileSync(path, "server:\n  port: 6002\n");
      const event = await recorder.next();
      assert.ok(event.type === "change");
      assert.equal(event.config.server.port, 6002, "the first report is the real change");
    } finally {
      watcher.close();
    }
  });

  it("uses the environment given for each reload", async () => {
    const path = join(directory, "env.yaml");
    writeFileSync(path, "server:\n  port: 7001\n");
    const recorder = createRecorder();
    const watcher = watchConfig(path, recorder.handlers, { debounceMs: 20, env: { PORT: "7002" } });
    try {
      writeFileSync(path, "server:\n  port: ${PORT}\n  host: ${HOST}\n");
      const missing = await recorder.next();
      assert.ok(missing.type === "error");
      assert.match(missing.error.message, /:3: server\.host: environment variable HOST is not set/);
      writeFileSync(path, "server:\n  port: ${PORT}\n");
      const event = await recorder.next();
      assert.ok(event.type === "change");
      assert.equal(event.config.server.port, 7002);
    } finally {
      watcher.close();
    }
  });
});
