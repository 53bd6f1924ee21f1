/**
 * @module
 * A wait that ends early when the connection closes, so a closed provider never leaves a
 * timer behind.
 */
import { setTimeout as delay } from "node:timers/promises";

export async function pause(ms: number, closed: Promise<void>): Promise<void> {
  if (ms <= 0) return;
  const controller = new AbortController();
  await Promise.race([delay(ms, undefined, { signal: controller.signal }).catch(() => undefined), closed]);
  controller.abort();
}
