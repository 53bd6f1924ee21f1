/**
 * @module
 * `node bench/profile/summarize-profile-cli.ts <file.cpuprofile> [--top N]`
 */
import { parseArgs } from "node:util";
import { formatProfileSummary, summarizeProfile } from "./summarize-profile.ts";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "20" } } });
if (positionals.length === 0) {
  process.stderr.write("usage: node bench/profile/summarize-profile-cli.ts <file.cpuprofile> [--top N]\n");
  process.exit(2);
}
for (const path of positionals) process.stdout.write(`${path}\n${formatProfileSummary(summarizeProfile(path, Number(values.top)))}\n\n`);
