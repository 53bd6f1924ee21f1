/**
 * @module
 * Reads a V8 .cpuprofile (from `node --cpu-prof`) and ranks functions by self time and by
 * total (inclusive) time, with file:line, so a report can say what costs what.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";

interface CallFrame {
  functionName: string;
  url: string;
  /** 0-based. */
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  /** `name (file:line)` */
  location: string;
  selfMs: number;
  totalMs: number;
  /** Of the busy (non-idle) time. */
  selfPct: number;
  totalPct: number;
}

export interface ProfileSummary {
  busyMs: number;
  idleMs: number;
  bySelf: ProfileEntry[];
  byTotal: ProfileEntry[];
}

const root = fileURLToPath(new URL("../../", import.meta.url));

function describeFrame(frame: CallFrame): string {
  const name = frame.functionName || "(anonymous)";
  if (!frame.url) return name;
  const file = frame.url.startsWith("file://") ? relative(root, fileURLToPath(frame.url)) : frame.url;
  return `${name} (${file}:${frame.lineNumber + 1})`;
}

export function summarizeProfile(path: string, top = 20): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let idleMs = 0;
  let busyMs = 0;
  profile.samples.forEach((sample, index) => {
    const deltaMs = (profile.timeDeltas[index] ?? 0) / 1000;
    const node = byId.get(sample);
    if (!node) return;
    const location = describeFrame(node.callFrame);
    if (node.callFrame.functionName === "(idle)") {
      idleMs += deltaMs;
      return;
    }
    busyMs += deltaMs;
    self.set(location, (self.get(location) ?? 0) + deltaMs);
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parentOf.get(id)) {
      const frame = byId.get(id)?.callFrame;
      if (!frame || frame.functionName === "(root)") continue;
      const key = describeFrame(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + deltaMs);
    }
  });
  const entry = (location: string): ProfileEntry => {
    const selfMs = self.get(location) ?? 0;
    const totalMs = total.get(location) ?? 0;
    return { location, selfMs, totalMs, selfPct: (selfMs / busyMs) * 100, totalPct: (totalMs / busyMs) * 100 };
  };
  const rank = (values: Map<string, number>): ProfileEntry[] =>
    [...values]
      .sort((left, right) => right[1] - left[1])
      .slice(0, top)
      .map(([location]) => entry(location));
  return { busyMs, idleMs, bySelf: rank(self), byTotal: rank(total) };
}

export function formatProfileSummary(summary: ProfileSummary): string {
  const line = (item: ProfileEntry, value: number, pct: number): string => `  ${value.toFixed(0).padStart(7)} ms ${pct.toFixed(1).padStart(5)}%  ${item.location}`;
  return [
    `busy ${summary.busyMs.toFixed(0)} ms, idle ${summary.idleMs.toFixed(0)} ms`,
    "top self time:",
    ...summary.bySelf.map((item) => line(item, item.selfMs, item.selfPct)),
    "top total (inclusive) time:",
    ...summary.byTotal.map((item) => line(item, item.totalMs, item.totalPct)),
  ].join("\n");
}
