/**
 * @module
 * How a request was served, in one word for `x-llmux-route-mode` and usage records:
 * direct (first choice), key-rotation (first choice on another managed key after a key
 * failed), passthrough (the caller's own key), provider-fallback (same model, another
 * provider), model-fallback (another model).
 */
import type { Execution } from "../../routing/executor.ts";
import type { RouteMode } from "../../usage/usage-record.ts";
import { isPassthrough } from "./passthrough.ts";

export function routeModeOf(execution: Pick<Execution<unknown>, "candidate" | "key" | "attempts">): RouteMode {
  const served = execution.candidate;
  if (isPassthrough(served)) return "passthrough";
  if (served.origin === "same-model") return "provider-fallback";
  if (served.origin !== "requested") return "model-fallback";
  const keyFailed = execution.attempts.some(
    (attempt) => attempt.outcome === "failure" && attempt.provider === served.provider.id && attempt.keyId !== execution.key?.id,
  );
  return keyFailed ? "key-rotation" : "direct";
}
