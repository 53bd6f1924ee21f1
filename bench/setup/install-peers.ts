/**
 * @module
 * Makes sure bench/peers (Portkey) is installed: its own tiny npm package, never a workspace
 * of llmux. Installed on first run with npm (`ci` when the lock file is there); when that
 * cannot work (no npm, no network) the bench runs without Portkey and says how to add it.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { findPortkey, peersDirectory, type PortkeyInstall } from "../targets/portkey.ts";

export interface PeersState {
  portkey: PortkeyInstall | undefined;
  /** What to tell the reader about the peers (why Portkey is missing, a wrong pin). */
  note: string | undefined;
}

export const installCommand = "npm install --prefix bench/peers";
const expectedHonoNodeServer = "1.13.5";

function npmCommand(): { command: string; prefixArgs: string[] } {
  // Under `npm run`, npm_execpath is npm's own CLI script: run it with this Node.
  const execPath = process.env["npm_execpath"];
  if (execPath && /npm-cli\.[cm]?js$/.test(execPath)) return { command: process.execPath, prefixArgs: [execPath] };
  return { command: "npm", prefixArgs: [] };
}

function runNpmInstall(log: (line: string) => void): boolean {
  const { command, prefixArgs } = npmCommand();
  const verb = existsSync(`${peersDirectory}package-lock.json`) ? "ci" : "install";
  log(`bench: installing Portkey into bench/peers (npm ${verb}, once) ...`);
  const result = spawnSync(command, [...prefixArgs, verb, "--prefix", peersDirectory, "--no-audit", "--no-fund", "--ignore-scripts"], {
    stdio: ["ignore", "ignore", "inherit"],
    timeout: 300_000,
  });
  return result.status === 0;
}

export function ensurePeers(options: { install: boolean; log: (line: string) => void }): PeersState {
  let portkey = findPortkey();
  if (!portkey && options.install) {
    if (!runNpmInstall(options.log)) return { portkey: undefined, note: `Portkey skipped: installing bench/peers failed; run \`${installCommand}\`` };
    portkey = findPortkey();
  }
  if (!portkey) return { portkey: undefined, note: `Portkey skipped: not installed; run \`${installCommand}\`` };
  if (portkey.honoNodeServerVersion !== expectedHonoNodeServer) {
    return {
      portkey,
      note: `bench/peers has @hono/node-server ${portkey.honoNodeServerVersion ?? "?"}, not ${expectedHonoNodeServer}: streamed answers may fail; reinstall with \`${installCommand}\``,
    };
  }
  return { portkey, note: undefined };
}
