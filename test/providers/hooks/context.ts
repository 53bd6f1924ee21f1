/** A hook context for tests, with overrides. */
import type { HookContext } from "../../../src/providers/hooks/hook.ts";

export function hookContext(overrides: Partial<HookContext> = {}): HookContext {
  return { providerId: "test", model: "m", stream: false, unsupportedParams: [], warnings: [], ...overrides };
}
