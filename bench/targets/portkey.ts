/**
 * @module
 * Portkey's open-source gateway (`@portkey-ai/gateway` from npm), installed apart from llmux
 * in bench/peers. Its `@hono/node-server` is pinned to 1.13.5 with npm `overrides`: with the
 * newer one a plain install resolves, every streamed answer fails with a 500.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { spawnChild } from "../processes/spawn-child.ts";
import type { RunningTarget, StartContext } from "./targets.ts";

export const peersDirectory = fileURLToPath(new URL("../peers/", import.meta.url));
const gatewayDirectory = `${peersDirectory}node_modules/@portkey-ai/gateway/`;
const startScript = `${gatewayDirectory}build/start-server.js`;

function readVersion(packageDirectory: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(`${packageDirectory}package.json`, "utf8")) as { version?: unknown };
    return typeof manifest.version === "string" ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}

export interface PortkeyInstall {
  script: string;
  version: string | undefined;
  honoNodeServerVersion: string | undefined;
}

/** The installed Portkey, or undefined when bench/peers is not installed. */
export function findPortkey(): PortkeyInstall | undefined {
  if (!existsSync(startScript)) return undefined;
  return {
    script: startScript,
    version: readVersion(gatewayDirectory),
    honoNodeServerVersion: readVersion(`${peersDirectory}node_modules/@hono/node-server/`),
  };
}

async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no free port");
  return address.port;
}

async function waitUntilListening(origin: string, deadlineMs: number, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (exited()) throw new Error("portkey exited before listening");
    try {
      await fetch(`${origin}/`, { signal: AbortSignal.timeout(1_000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`portkey did not listen on ${origin} within ${deadlineMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Starts Portkey headless (no console UI) on a free port, pinned like any target. */
export async function startPortkey(context: StartContext): Promise<RunningTarget> {
  const install = findPortkey();
  if (!install) throw new Error("Portkey is not installed: npm install --prefix bench/peers");
  const port = await findFreePort();
  const child = spawnChild({
    name: "portkey",
    script: install.script,
    args: [`--port=${port}`, "--headless"],
    cores: context.cores,
    cwd: peersDirectory,
    env: { ...process.env, NODE_ENV: "production" },
    ipc: false,
  });
  let exited = false;
  child.process.once("exit", () => (exited = true));
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitUntilListening(origin, 30_000, () => exited);
  } catch (error) {
    await child.stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}: ${child.stderrTail().trim()}`);
  }
  return { origin, child };
}
