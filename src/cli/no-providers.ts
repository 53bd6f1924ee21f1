/**
 * @module
 * The check every routing command makes first: with no provider configured, the useful
 * answer is which variables to set (and that `llmux demo` needs none), not a routing error.
 */
import { missingProviderHint } from "../providers/discover.ts";
import type { Router } from "../routing/router.ts";
import type { TextSink } from "./command.ts";

/** True (after saying what to set) when the router has no provider at all. */
export function reportNoProviders(router: Router, stderr: TextSink): boolean {
  if (router.providers.size > 0) return false;
  stderr.write(`${missingProviderHint()}\nTo see llmux work without any key: llmux demo\n`);
  return true;
}
