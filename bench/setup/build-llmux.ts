/**
 * @module
 * Builds llmux from src/ into a temporary directory with the project's own tsc, so the
 * benchmark runs the gateway as the published package runs (compiled JavaScript), not
 * through Node's type stripping, which keeps a WebAssembly stripper and source text in
 * memory (about 25–30 MiB more RSS) and costs start-up time.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface LlmuxBuild {
  /** Root of the compiled tree (`gateway/serve.js`, `config/index.js`, ...). */
  directory: string;
  remove(): void;
}

const repository = fileURLToPath(new URL("../../", import.meta.url));

/** The compiled tree, or undefined (with the reason) when tsc could not produce it. */
export function buildLlmux(): { build: LlmuxBuild | undefined; note: string | undefined } {
  const directory = mkdtempSync(join(tmpdir(), "llmux-bench-"));
  const remove = (): void => rmSync(directory, { recursive: true, force: true });
  try {
    execFileSync(join(repository, "node_modules/.bin/tsc"), ["-p", join(repository, "tsconfig.build.json"), "--outDir", directory, "--declaration", "false", "--sourceMap", "false"], {
      stdio: "ignore",
      timeout: 120_000,
    });
  } catch {
    // Type errors still emit JavaScript (other people's work in progress): judge by the output.
  }
  if (!existsSync(join(directory, "gateway/serve.js")) || !existsSync(join(directory, "config/index.js"))) {
    remove();
    return { build: undefined, note: "llmux ran from src/ with Node's type stripping (the tsc build failed), which adds about 25–30 MiB RSS" };
  }
  // Bare imports (zod, undici, yaml) resolve from the project's node_modules.
  symlinkSync(join(repository, "node_modules"), join(directory, "node_modules"), "dir");
  return { build: { directory, remove }, note: undefined };
}
