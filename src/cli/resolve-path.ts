/**
 * @module
 * Paths on the command line are relative to the command's working directory. When that is
 * the process's own (every real run), the path stays as typed, so messages read
 * `llmux.yaml:14:` rather than an absolute path.
 */
import { resolve } from "node:path";

export function resolvePath(cwd: string, path: string): string {
  return cwd === process.cwd() ? path : resolve(cwd, path);
}
